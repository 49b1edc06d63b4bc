using System.Text.Json;
using System.Text.Json.Serialization;

using Whisper.Fork.Manifest;

namespace Whisper.Fork.Sync;

/// <summary>
/// <c>sync.state</c> in the repository: how far CDC has applied the source's event log and catalog change feed to
/// the target, written atomically after each applied batch. Starts at the manifest's snapshot positions.
/// </summary>
public sealed record SyncState
{
    public const string FileName = "sync.state";

    public required Guid ExportId { get; init; }

    public required long EventPosition { get; init; }

    public required long ChangePosition { get; init; }

    public long EventsApplied { get; init; }

    public long ChangesApplied { get; init; }

    /// <summary>Set by the freeze at cutover: the target no longer follows the source.</summary>
    public DateTimeOffset? FrozenAt { get; init; }

    public static SyncState Load(string repository, ForkManifest manifest)
    {
        var path = Path.Combine(repository, FileName);
        if (!File.Exists(path))
        {
            return new SyncState { ExportId = manifest.ExportId, EventPosition = manifest.SnapshotEventPosition, ChangePosition = manifest.SnapshotChangePosition };
        }

        var state = JsonSerializer.Deserialize(File.ReadAllBytes(path), SyncStateJson.Default.SyncState)
            ?? throw new InvalidDataException($"{path} is empty");
        if (state.ExportId != manifest.ExportId)
        {
            throw new InvalidOperationException($"{path} follows export {state.ExportId:D}, but the manifest is export {manifest.ExportId:D}; the manifest was swapped");
        }

        return state;
    }

    public void Save(string repository) =>
        AtomicFile.Write(Path.Combine(repository, FileName), JsonSerializer.SerializeToUtf8Bytes(this, SyncStateJson.Default.SyncState));
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(SyncState))]
internal sealed partial class SyncStateJson : JsonSerializerContext;
