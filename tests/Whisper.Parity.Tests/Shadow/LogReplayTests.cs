using Whisper.Parity.Shadow;

namespace Whisper.Parity.Tests.Shadow;

public sealed class LogReplayTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly ReplayEvent[] Log =
    [
        new(1, 7, 100, AtMs(0), true),      // before the window: no request, and before any request time
        new(2, 8, 101, AtMs(10), false),    // user 8's first event in the window → request 1
        new(3, 7, 102, AtMs(20), true),     // user 7's first in the window → request 2; a positive at request time counts
        new(4, 8, 103, AtMs(30), true),
        new(5, 7, 104, AtMs(200), true),    // 180 min after user 7's request: inside the 1-day horizon
        new(6, 8, 105, AtMs(2000), true),   // past user 8's horizon (1,990 min > 1 day)
        new(7, 9, 106, AtMs(5000), true),   // after the window
    ];

    [Fact]
    public void Build_OneRequestPerActiveUser_InLogOrder_WithTheirLaterPositives()
    {
        var plan = LogReplay.Build(Log, Window());
        Assert.Equal([8L, 7L], plan.Requests.Select(r => r.UserId));
        Assert.Equal([1L, 2L], plan.Requests.Select(r => r.Sequence));
        Assert.Equal([103L], plan.HeldOut.PositivesAfter(8, plan.Requests[0].At));
        Assert.Equal([102L, 104L], plan.HeldOut.PositivesAfter(7, plan.Requests[1].At));
    }

    [Fact]
    public void Build_UserList_KeepsOnlyThoseUsers()
    {
        var plan = LogReplay.Build(Log, Window() with { Users = [7] });
        Assert.Equal([7L], plan.Requests.Select(r => r.UserId));
    }

    [Fact]
    public void Build_UnknownUsers_EmptyWindowOrBadOptions_ThrowClearErrors()
    {
        var unknown = Assert.Throws<ArgumentException>(() => LogReplay.Build(Log, Window() with { Users = [7, 42] }));
        Assert.Contains("users 42 have no events in the replay window", unknown.Message, StringComparison.Ordinal);

        var empty = Assert.Throws<ArgumentException>(() => LogReplay.Build(Log, Window() with { From = At(6000), To = At(7000) }));
        Assert.Contains("no user is active in the replay window", empty.Message, StringComparison.Ordinal);

        var bad = Assert.Throws<ArgumentException>(() => LogReplay.Build(Log, Window() with { To = At(5), Count = 0, Users = [] }));
        Assert.Contains("is empty; give --to after --from", bad.Message, StringComparison.Ordinal);
        Assert.Contains("count is 0", bad.Message, StringComparison.Ordinal);
        Assert.Contains("user list is empty", bad.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Mirror_FullQueue_DropsInsteadOfWaiting()
    {
        var mirror = new ShadowMirror(capacity: 2);
        Assert.True(mirror.Offer(1, T0, 10));
        Assert.True(mirror.Offer(2, T0, 10));
        Assert.False(mirror.Offer(3, T0, 10));
        Assert.Equal(1, mirror.Dropped);
        Assert.True(mirror.Reader.TryRead(out var first));
        Assert.Equal(1, first.UserId);
    }

    private static ReplayOptions Window() => new() { From = At(5), To = At(3000), Horizon = TimeSpan.FromDays(1) };

    private static long AtMs(int minutes) => T0.AddMinutes(minutes).ToUnixTimeMilliseconds();

    private static DateTimeOffset At(int minutes) => T0.AddMinutes(minutes);
}
