namespace Whisper.Recommendation.Candidates;

/// <summary>
/// Proposes candidate videos for a feed request. Sources run one after another on the request's thread and must
/// not block on I/O: everything they read is in memory (catalog view, model, ANN index, counters).
/// </summary>
public interface ICandidateSource
{
    CandidateOrigin Origin { get; }

    /// <summary>Adds at most <paramref name="budget"/> candidates to <paramref name="into"/>, best first.</summary>
    void Collect(FeedRequest request, int budget, List<Candidate> into);
}
