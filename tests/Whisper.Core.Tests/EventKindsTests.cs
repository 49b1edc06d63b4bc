using Whisper.Core.Domain;

namespace Whisper.Core.Tests;

public sealed class EventKindsTests
{
    [Fact]
    public void TryParse_EveryWireName_RoundTrips()
    {
        foreach (var kind in Enum.GetValues<EventKind>())
        {
            Assert.True(EventKinds.TryParse(kind.ToWireName(), out var parsed));
            Assert.Equal(kind, parsed);
        }

        Assert.Equal(Enum.GetValues<EventKind>().Length, EventKinds.WireNames.Count);
    }

    [Theory]
    [InlineData("VIEW", EventKind.View)]
    [InlineData("Purchase", EventKind.Purchase)]
    public void TryParse_IgnoresCase(string name, EventKind expected)
    {
        Assert.True(EventKinds.TryParse(name, out var parsed));
        Assert.Equal(expected, parsed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("watch")]
    [InlineData("views")]
    public void TryParse_UnknownName_ReturnsFalse(string name) => Assert.False(EventKinds.TryParse(name, out _));

    [Fact]
    public void ToWireName_UndefinedValue_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ((EventKind)0).ToWireName());

    [Fact]
    public void LiveSession_IsLiveAt_HonoursOpenAndClosedEnds()
    {
        var start = new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
        var open = new LiveSession(1, 2, start, null, 10);
        var closed = open with { EndedAt = start.AddHours(1) };

        Assert.False(open.IsLiveAt(start.AddSeconds(-1)));
        Assert.True(open.IsLiveAt(start.AddDays(3)));
        Assert.True(closed.IsLiveAt(start.AddMinutes(59)));
        Assert.False(closed.IsLiveAt(start.AddHours(1)));
    }
}
