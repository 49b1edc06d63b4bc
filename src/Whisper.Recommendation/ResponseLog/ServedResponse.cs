using Whisper.Recommendation.Candidates;

namespace Whisper.Recommendation.ResponseLog;

/// <summary>
/// One line of the served-response log (docs/model-attestation.md, "Response log"): a page as served, with the model
/// that served it. <see cref="RequestId"/> is <c>&lt;user&gt;-&lt;session, 16 hex&gt;-&lt;page&gt;</c>: unique per page and the
/// same for a retry of it.
/// </summary>
/// <param name="Format">Line format version, <see cref="CurrentFormat"/>; readers refuse others.</param>
/// <param name="RequestId">Which page of which session.</param>
/// <param name="At">When the page was asked for (the feed's clock), UTC.</param>
/// <param name="UserId">Whose feed.</param>
/// <param name="Page">Page number within the session (0 = first page, no cursor).</param>
/// <param name="Count">Items asked for.</param>
/// <param name="ColdStart">The model had no vector for the user.</param>
/// <param name="ModelVersion">The page's model version.</param>
/// <param name="ModelSha256">SHA-256 of the approved checkpoint the engine started from; null when the engine ran without attestation.</param>
/// <param name="RankerVersion">The ranker that scored the page.</param>
/// <param name="Items">Served videos in page order.</param>
public sealed record ServedResponse(
    int Format,
    string RequestId,
    DateTimeOffset At,
    long UserId,
    int Page,
    int Count,
    bool ColdStart,
    string ModelVersion,
    string? ModelSha256,
    string RankerVersion,
    IReadOnlyList<ServedItem> Items)
{
    public const int CurrentFormat = 1;
}

/// <summary>One served video: position in the page (0-based), the ranker's score, and which source proposed it.</summary>
public sealed record ServedItem(long VideoId, long CreatorId, int Position, float Score, CandidateOrigin Origin);
