namespace Whisper.Recommendation.Candidates;

/// <summary>
/// HNSW graph settings for <see cref="AnnIndex"/>. Defaults were tuned with <c>whisper bench ann</c> (100k clustered
/// vectors, d = 32, inner product) for Recall@10 ≥ 0.95 against exact search; see docs/retrieval.md for the table.
/// </summary>
public sealed record AnnIndexOptions
{
    public static AnnIndexOptions Default { get; } = new();

    /// <summary>Edges per node (HNSW M). More edges: better recall, more memory (≈ 2·M·8 bytes per video at level 0), slower inserts.</summary>
    public int Connectivity { get; init; } = 24;

    /// <summary>Candidate list size while inserting (efConstruction). Drives build quality and insert cost.</summary>
    public int ExpansionAdd { get; init; } = 96;

    /// <summary>Candidate list size while searching (ef). Drives recall and query cost; must be at least the largest k asked for to be meaningful.</summary>
    public int ExpansionSearch { get; init; } = 96;

    /// <summary>How the graph sees the vectors (see <see cref="AnnSearchSpace"/>); the dot product is what searches return either way.</summary>
    public AnnSearchSpace Space { get; init; } = AnnSearchSpace.InnerProduct;

    /// <summary>
    /// The norm bound M of the inner-product-to-L2 transform (see <see cref="AnnIndex"/>): at least the longest vector
    /// the index will hold, ideally not much more (a loose bound flattens the graph's view of norms). In that space the
    /// engine sets it to 1.25 × the longest video vector when it builds the index; a saved index keeps its own.
    /// </summary>
    public float MaxNorm { get; init; } = 16f;

    /// <summary>Every problem with these settings, each naming the setting and the fix; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (Connectivity is < 4 or > 128)
        {
            problems.Add($"AnnIndex.Connectivity {Connectivity} is outside 4..128; 16–32 suits 32-dimensional embeddings (default 24).");
        }

        if (ExpansionAdd is < 8 or > 4096)
        {
            problems.Add($"AnnIndex.ExpansionAdd {ExpansionAdd} is outside 8..4096; the default is 96.");
        }

        if (ExpansionSearch is < 8 or > 4096)
        {
            problems.Add($"AnnIndex.ExpansionSearch {ExpansionSearch} is outside 8..4096; the default is 96.");
        }

        if (!float.IsFinite(MaxNorm) || MaxNorm <= 0)
        {
            problems.Add($"AnnIndex.MaxNorm {MaxNorm} must be a positive finite number, at least the longest vector's norm.");
        }

        return problems;
    }
}
