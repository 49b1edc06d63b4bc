namespace Whisper.Recommendation.Embeddings;

/// <summary>
/// Shape and policy of one <see cref="EmbeddingTable"/>. Every field is written into snapshots, and a restored table
/// behaves exactly like the one that was saved. Check with <see cref="Validate"/>; the table refuses invalid options.
/// </summary>
public sealed record EmbeddingTableOptions
{
    /// <summary>Largest <see cref="Dimension"/> a table accepts.</summary>
    public const int MaxDimension = 1024;

    /// <summary>Largest <see cref="MaxRows"/>: row indexes are ints and the slot index holds 2× rows.</summary>
    public const int MaxRowsLimit = 1 << 28;

    /// <summary>Short name (e.g. "users"), written into snapshots and errors.</summary>
    public string Name { get; init; } = "table";

    /// <summary>Embedding length.</summary>
    public int Dimension { get; init; } = 32;

    /// <summary>When true each row carries one more weight after the vector: a scalar bias initialised to 0.</summary>
    public bool WithBias { get; init; }

    /// <summary>Sightings an id needs before it gets a row (1 = admit at once). Earlier sightings are counted in a bounded pending table.</summary>
    public int AdmitAfter { get; init; } = 1;

    /// <summary>Capacity of the pending-count table (entries of 20 bytes; set-associative, 8 per bucket). Ignored when <see cref="AdmitAfter"/> is 1.</summary>
    public int MaxPending { get; init; } = 1 << 18;

    /// <summary>Rows (and pending counts) unused for longer than this, in event time, are evicted by <see cref="EmbeddingTable.Sweep"/>; null keeps rows forever.</summary>
    public TimeSpan? Ttl { get; init; }

    /// <summary>Hard bound on rows. When full, admission first evicts expired rows, else is refused and counted.</summary>
    public int MaxRows { get; init; } = 1 << 22;

    /// <summary>Seed of the deterministic row initialisation: a row's first weights depend only on (seed, id).</summary>
    public long Seed { get; init; } = 1;

    /// <summary>Initial weights are uniform in [−InitScale, InitScale].</summary>
    public float InitScale { get; init; } = 0.05f;

    /// <summary>Initial Adagrad accumulator of every weight (keeps the first steps bounded: step ≤ lr·|g|/√acc).</summary>
    public float InitialAccumulator { get; init; } = 0.1f;

    /// <summary>Floats per row for the weights: <see cref="Dimension"/>, plus one with <see cref="WithBias"/>.</summary>
    public int Width => Dimension + (WithBias ? 1 : 0);

    internal long TtlMs => Ttl is { } ttl ? (long)ttl.TotalMilliseconds : long.MaxValue;

    /// <summary>Every problem at once, each naming the option and the fix; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrEmpty(Name) || Name.Length > 64)
        {
            problems.Add("Name must be 1..64 characters.");
        }

        if (Dimension is < 1 or > MaxDimension)
        {
            problems.Add($"Dimension must be 1..{MaxDimension} (got {Dimension}).");
        }

        if (AdmitAfter is < 1 or > 1_000_000)
        {
            problems.Add($"AdmitAfter must be 1..1,000,000 (got {AdmitAfter}); use 1 to admit every id at once.");
        }

        if (AdmitAfter > 1 && MaxPending is < 8 or > MaxRowsLimit)
        {
            problems.Add($"MaxPending must be 8..{MaxRowsLimit} when AdmitAfter > 1 (got {MaxPending}).");
        }

        if (Ttl is { } ttl && ttl < TimeSpan.FromMilliseconds(1))
        {
            problems.Add($"Ttl must be at least 1 ms, or null for no expiry (got {ttl}).");
        }

        if (MaxRows is < 1 or > MaxRowsLimit)
        {
            problems.Add($"MaxRows must be 1..{MaxRowsLimit} (got {MaxRows}).");
        }

        if (!float.IsFinite(InitScale) || InitScale < 0)
        {
            problems.Add($"InitScale must be a finite number ≥ 0 (got {InitScale}).");
        }

        if (!float.IsFinite(InitialAccumulator) || InitialAccumulator <= 0)
        {
            problems.Add($"InitialAccumulator must be a finite number > 0 (got {InitialAccumulator}); it keeps Adagrad from dividing by zero.");
        }

        return problems;
    }
}
