using Whisper.Core.Domain;
using Whisper.Core.Validation;

namespace Whisper.Core.Tests;

public sealed class EventRulesTests
{
    private static readonly DateTimeOffset At = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static EngagementEvent View(int watchMs = 5_000) => new(Guid.NewGuid(), 7, 9, EventKind.View, At, watchMs);

    [Fact]
    public void Validate_WellFormedView_ReturnsNull() => Assert.Null(EventRules.Validate(View()));

    [Fact]
    public void Validate_PurchaseWithProduct_ReturnsNull() =>
        Assert.Null(EventRules.Validate(new EngagementEvent(Guid.NewGuid(), 7, 0, EventKind.Purchase, At, ProductId: 3)));

    [Theory]
    [InlineData("empty-id")]
    [InlineData("unknown-kind")]
    [InlineData("zero-user")]
    [InlineData("zero-video")]
    [InlineData("purchase-without-product")]
    [InlineData("product-on-like")]
    [InlineData("negative-watch")]
    [InlineData("watch-too-long")]
    [InlineData("watch-on-like")]
    [InlineData("year-1970")]
    public void Validate_BrokenEvent_NamesTheProblem(string broken)
    {
        var e = View();
        (e, var expectedWord) = broken switch
        {
            "empty-id" => (e with { ClientEventId = Guid.Empty }, "clientEventId"),
            "unknown-kind" => (e with { Kind = (EventKind)42 }, "kind"),
            "zero-user" => (e with { UserId = 0 }, "userId"),
            "zero-video" => (e with { VideoId = 0 }, "videoId"),
            "purchase-without-product" => (e with { Kind = EventKind.Purchase, WatchTimeMs = 0 }, "productId"),
            "product-on-like" => (e with { Kind = EventKind.Like, WatchTimeMs = 0, ProductId = 5 }, "productId"),
            "negative-watch" => (e with { WatchTimeMs = -1 }, "watchTimeMs"),
            "watch-too-long" => (e with { WatchTimeMs = EventRules.MaxWatchTimeMs + 1 }, "watchTimeMs"),
            "watch-on-like" => (e with { Kind = EventKind.Like }, "watchTimeMs"),
            "year-1970" => (e with { OccurredAt = DateTimeOffset.UnixEpoch }, "occurredAt"),
            _ => throw new ArgumentOutOfRangeException(nameof(broken)),
        };

        var error = EventRules.Validate(e);

        Assert.NotNull(error);
        Assert.Contains(expectedWord, error, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateBatch_SecondEventBad_ReturnsItsIndex()
    {
        EngagementEvent[] batch = [View(), View() with { UserId = -4 }, View()];

        var (index, error) = EventRules.ValidateBatch(batch);

        Assert.Equal(1, index);
        Assert.Contains("userId", error, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateBatch_AllGood_ReturnsMinusOne() =>
        Assert.Equal(-1, EventRules.ValidateBatch([View(), View()]).Index);
}
