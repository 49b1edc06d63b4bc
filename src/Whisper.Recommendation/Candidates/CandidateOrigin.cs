namespace Whisper.Recommendation.Candidates;

/// <summary>Which source proposed a candidate. Stored in served impressions' explanations: never renumber.</summary>
public enum CandidateOrigin : byte
{
    Ann = 1,
    Following = 2,
    Trending = 3,
    Fresh = 4,
    Live = 5,
}
