namespace Whisper.Core.Domain;

/// <summary>A creator's live broadcast. <see cref="EndedAt"/> is null while it is live.</summary>
public sealed record LiveSession(long Id, long CreatorId, DateTimeOffset StartedAt, DateTimeOffset? EndedAt, int PeakViewers)
{
    public bool IsLiveAt(DateTimeOffset time) => StartedAt <= time && (EndedAt is null || time < EndedAt);
}
