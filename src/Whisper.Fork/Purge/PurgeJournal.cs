using System.Text.Json;

using Whisper.Fork.Manifest;

namespace Whisper.Fork.Purge;

/// <summary>
/// <c>purge.state</c> in the purge state directory: how far a purge got, written atomically after every step, so a rerun
/// after a crash continues where it stopped. Whatever goes into the certificate is written here before the step
/// that acts on it (the plan before any delete, a backup's key ids before they are destroyed), so a rerun that finds a
/// step already done still certifies the same content.
/// </summary>
public sealed record PurgeJournal
{
    public const string FileName = "purge.state";

    public required Guid PurgeId { get; init; }

    public required DateTimeOffset PlannedAt { get; init; }

    public required PurgePlan Plan { get; init; }

    /// <summary>Batches of <see cref="PurgeOptions.CatalogBatch"/> residents erased from the catalog so far.</summary>
    public int CatalogBatchesDone { get; init; }

    /// <summary>Events of residents are erased up to this sequence (windows of <see cref="PurgeOptions.EventWindow"/>).</summary>
    public long EventsErasedUpTo { get; init; }

    /// <summary>Entities with online features, counted before they were deleted; null until counted.</summary>
    public long? OnlineFeatureEntities { get; init; }

    public bool OnlineFeaturesDone { get; init; }

    public IReadOnlyList<PurgedCheckpoint>? Checkpoints { get; init; }

    public bool CheckpointsDone { get; init; }

    public IReadOnlyList<ShreddedBackup> Backups { get; init; } = [];

    public bool BackupsDone { get; init; }

    public PurgedRepository? Repository { get; init; }

    public bool RepositoryDone { get; init; }

    public static PurgeJournal? Load(string directory)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(File.ReadAllBytes(path), PurgeJson.Default.PurgeJournal)
                ?? throw new InvalidDataException($"{path} is empty");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path} is not a readable purge journal ({e.Message}); it is written atomically, so it was altered", e);
        }
    }

    public void Save(string directory) =>
        AtomicFile.Write(Path.Combine(directory, FileName), JsonSerializer.SerializeToUtf8Bytes(this, PurgeJson.Default.PurgeJournal));
}
