namespace Whisper.Core.Domain;

/// <summary>A user follows a creator. The pair is the identity; following twice is one follow.</summary>
public sealed record Follow(long FollowerId, long CreatorId, DateTimeOffset CreatedAt);
