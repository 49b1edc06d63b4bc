namespace Whisper.Recommendation.Tests.Feed;

/// <summary>A clock that moves only when told (FakeTimeProvider would need another package reference here).</summary>
public sealed class ManualTime(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
