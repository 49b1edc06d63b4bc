namespace Whisper.Recommendation.Embeddings;

/// <summary>What <see cref="EmbeddingTable.RemoveWhere"/> removed from one table.</summary>
/// <param name="Rows">Rows removed.</param>
/// <param name="Pending">Pending counts removed.</param>
internal readonly record struct RemovedEntries(int Rows, int Pending);
