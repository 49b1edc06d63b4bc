namespace Whisper.Recommendation.Candidates;

/// <summary>
/// Video vectors searchable by inner product with a user vector (the model's score is a dot product, so the
/// retrieval metric is the same). Upserts and removals may run while other threads search.
/// </summary>
public interface IVideoVectorIndex
{
    /// <summary>Vector length every upsert and query must have.</summary>
    int Dimension { get; }

    /// <summary>Videos currently indexed.</summary>
    int Count { get; }

    /// <summary>Adds the video or replaces its vector; the new vector is searchable when this returns.</summary>
    void Upsert(long videoId, ReadOnlySpan<float> vector);

    /// <summary>Removes the video; false when it was not indexed.</summary>
    bool Remove(long videoId);

    /// <summary>
    /// Writes up to <c>results.Length</c> videos with the highest inner product with <paramref name="query"/> into
    /// <paramref name="results"/>, best first, and returns how many it wrote (fewer when the index is smaller).
    /// </summary>
    int Search(ReadOnlySpan<float> query, Span<VectorMatch> results);
}
