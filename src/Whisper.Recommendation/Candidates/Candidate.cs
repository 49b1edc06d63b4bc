namespace Whisper.Recommendation.Candidates;

/// <summary>A video proposed for a feed, with the proposing source's own score (comparable only within that source).</summary>
public readonly record struct Candidate(long VideoId, float SourceScore, CandidateOrigin Origin);
