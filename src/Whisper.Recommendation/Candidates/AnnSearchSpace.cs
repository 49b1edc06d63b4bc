namespace Whisper.Recommendation.Candidates;

/// <summary>
/// The space <see cref="AnnIndex"/> builds its HNSW graph in; both rank by dot product. Measured (docs/retrieval.md):
/// on the engine's trained vectors the transform finds ~0.82 of the exact top 10 at the serving budget against ~0.58,
/// but a new video whose vector moves a long way under a burst of engagement is found less often (8 of 20 freshness
/// bursts against 13 of 20), so the inner product stays the default.
/// </summary>
public enum AnnSearchSpace
{
    /// <summary>The dot product itself (USearch's inner-product metric). The default.</summary>
    InnerProduct = 0,

    /// <summary>[v, √(M² − ‖v‖²)] under squared L2, queried with [q, 0]: nearest = largest q·v.</summary>
    L2Transform = 1,
}
