using Whisper.Fork.Chunks;
using Whisper.Fork.Manifest;

namespace Whisper.Fork.Export;

/// <summary>Settings of one export. <see cref="Validate"/> names the first bad one.</summary>
public sealed record ExportOptions
{
    /// <summary>Directory of the repository (created if missing): manifest, signature, journal and chunks.</summary>
    public required string Repository { get; init; }

    public required string TargetRegion { get; init; }

    public ForkMode Mode { get; init; } = ForkMode.PartialDivestiture;

    /// <summary>SHA-256 (hex) of the residency policy file that chose the rows; recorded in the manifest.</summary>
    public required string PolicySha256 { get; init; }

    /// <summary>A chunk is closed once its raw records reach this size.</summary>
    public int ChunkBytes { get; init; } = 1 << 20;

    /// <summary>Threads that hash, compress, encrypt and write chunks while one reader scans the store.</summary>
    public int Parallelism { get; init; } = Environment.ProcessorCount;

    public ChunkCompression Compression { get; init; } = ChunkCompression.Lz4;

    /// <summary>Rows fetched from the store per query.</summary>
    public int PageSize { get; init; } = 5_000;

    /// <summary>Model or embedding snapshot files to carry (partial divestiture only), by name.</summary>
    public IReadOnlyList<ExportModelFile> Models { get; init; } = [];

    /// <summary>
    /// The engine's checkpoint directory (partial divestiture only): the newest checkpoint no newer than the snapshot
    /// travels, stripped of non-residents' rows and re-based on the fork's log (<see cref="Models.ModelTransfer"/>).
    /// </summary>
    public string? ModelCheckpointDirectory { get; init; }

    public void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(Repository);
        ArgumentException.ThrowIfNullOrWhiteSpace(TargetRegion);
        ArgumentException.ThrowIfNullOrWhiteSpace(PolicySha256);
        ArgumentOutOfRangeException.ThrowIfLessThan(ChunkBytes, 4 * 1024);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(ChunkBytes, 64 << 20);
        ArgumentOutOfRangeException.ThrowIfLessThan(Parallelism, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(PageSize, 1);
        if (Mode == ForkMode.FullFork && (Models.Count > 0 || ModelCheckpointDirectory is not null))
        {
            throw new ArgumentException("a full fork carries no models (the new region retrains from scratch); drop the model files or use partial divestiture", nameof(Models));
        }
    }
}

/// <summary>A file to carry as <see cref="Records.ForkTable.Model"/> chunks.</summary>
public sealed record ExportModelFile(string Name, string Path);
