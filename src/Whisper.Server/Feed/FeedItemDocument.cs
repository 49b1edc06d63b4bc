namespace Whisper.Server.Feed;

/// <summary>One served video on the wire. <see cref="Origin"/> is the source's wire name: ann, following, trending, fresh, live.</summary>
public sealed record FeedItemDocument(long VideoId, long CreatorId, string Origin, float Score, int Position);
