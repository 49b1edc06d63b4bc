using Whisper.Fork.Records;

namespace Whisper.Fork.Verify;

/// <summary>Outcome of <c>whisper fork verify</c>: <see cref="Ok"/> only when every check found nothing.</summary>
public sealed record VerifyReport
{
    public required Guid ExportId { get; init; }

    public int ChunksChecked { get; init; }

    public int ChunksInManifest { get; init; }

    /// <summary>True when chunks were decrypted and re-hashed (not only their stored hashes compared).</summary>
    public bool ReadData { get; init; }

    public IReadOnlyList<ChunkProblem> ChunkProblems { get; init; } = [];

    /// <summary>Manifest tables whose decrypted chunks do not add up to the digest the manifest records.</summary>
    public IReadOnlyList<string> ManifestProblems { get; init; } = [];

    /// <summary>Per table comparison of source (scoped) and target; empty when no stores were given.</summary>
    public IReadOnlyList<TableComparison> Tables { get; init; } = [];

    public bool Ok => ChunkProblems.Count == 0 && ManifestProblems.Count == 0 && Tables.All(t => t.Matches);
}

public sealed record ChunkProblem(int Index, string ChunkId, string Problem);

/// <summary>One table compared across regions, with the partitions that differ and the keys behind the differences.</summary>
public sealed record TableComparison(
    ForkTable Table,
    long SourceRecords,
    long TargetRecords,
    string SourceDigest,
    string TargetDigest,
    IReadOnlyList<int> DifferingPartitions,
    IReadOnlyList<RecordDifference> Differences,
    long DifferenceCount)
{
    public bool Matches => DifferingPartitions.Count == 0;
}

/// <summary>A row present only in the source (<c>missing</c>), only in the target (<c>extra</c>), or in both with different content (<c>changed</c>).</summary>
public sealed record RecordDifference(string Kind, string Key);
