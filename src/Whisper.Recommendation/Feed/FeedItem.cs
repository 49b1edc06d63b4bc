using Whisper.Recommendation.Candidates;

namespace Whisper.Recommendation.Feed;

/// <summary>One served video. <see cref="Position"/> is 0-based within the page.</summary>
public sealed record FeedItem(long VideoId, long CreatorId, CandidateOrigin Origin, float Score, int Position);
