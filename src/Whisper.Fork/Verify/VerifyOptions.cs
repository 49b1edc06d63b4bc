using Whisper.Fork.Scope;
using Whisper.Storage;

namespace Whisper.Fork.Verify;

/// <summary>What <see cref="ForkVerifier"/> checks. Without stores it checks only the repository.</summary>
public sealed record VerifyOptions
{
    /// <summary>Share of chunks to check, in (0, 100]; below 100 a quick random pass (seeded by <see cref="Seed"/>).</summary>
    public double SamplePercent { get; init; } = 100;

    /// <summary>Decrypt and re-hash chunk contents (needs the key); otherwise compare stored-file hashes only.</summary>
    public bool ReadData { get; init; } = true;

    public int Seed { get; init; } = Environment.TickCount;

    public IWhisperStore? Source { get; init; }

    /// <summary>The rows of <see cref="Source"/> that should be in <see cref="Target"/>.</summary>
    public IExportScope? Scope { get; init; }

    public IWhisperStore? Target { get; init; }

    /// <summary>Hash partitions per table; differences are located to a partition, then listed key by key.</summary>
    public int Partitions { get; init; } = 16;

    /// <summary>At most this many differing rows are listed per table (all are counted).</summary>
    public int MaxListedDifferences { get; init; } = 50;

    public void Validate()
    {
        if (!(SamplePercent > 0 && SamplePercent <= 100))
        {
            throw new ArgumentOutOfRangeException(nameof(SamplePercent), SamplePercent, "sample must be a percentage in (0, 100]");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(Partitions, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(MaxListedDifferences);
        if ((Source is null) != (Target is null) || (Source is not null && Scope is null))
        {
            throw new ArgumentException("comparing stores needs a source, a target and the scope of rows that travel");
        }
    }
}
