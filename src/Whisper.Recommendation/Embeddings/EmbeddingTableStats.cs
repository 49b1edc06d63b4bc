namespace Whisper.Recommendation.Embeddings;

/// <summary>Counters of one table since it was created (they travel in snapshots).</summary>
/// <param name="Rows">Rows in use now.</param>
/// <param name="Admitted">Rows ever created.</param>
/// <param name="Evicted">Rows removed by TTL sweeps (including the sweeps a full table runs before refusing).</param>
/// <param name="RefusedFull">Admissions refused because the table was full and nothing had expired.</param>
/// <param name="PendingDropped">Pending counts pushed out of a full bucket (those ids start counting again).</param>
/// <param name="SlabBytes">Bytes held by row storage (weights, accumulators, ids, last-seen times) and the slot index.</param>
public readonly record struct EmbeddingTableStats(int Rows, long Admitted, long Evicted, long RefusedFull, long PendingDropped, long SlabBytes);
