namespace Whisper.Cutover.Simulation;

/// <summary>A clock that moves only when told: the simulation runs months of cutover in milliseconds, with no sleeping.</summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Set(DateTimeOffset now) => _now = now >= _now ? now : throw new ArgumentOutOfRangeException(nameof(now), now, "The clock never goes backwards.");
}
