using Whisper.Core.Domain;
using Whisper.Recommendation.Candidates;
using Whisper.Recommendation.Feed;
using Whisper.Recommendation.Ranking;
using Whisper.Storage;

namespace Whisper.Recommendation.Tests.Feed;

public sealed class FeedServiceTests : IAsyncLifetime
{
    private FeedWorld _world = null!;

    public async Task InitializeAsync() => _world = await FeedWorld.CreateAsync();

    public async Task DisposeAsync() => await _world.DisposeAsync();

    [Fact]
    public async Task GetFeed_WarmUser_PageWithCursorAndPositions()
    {
        var result = await _world.Service().GetFeedAsync(1, 10, null);

        Assert.Equal(FeedStatus.Ok, result.Status);
        var page = result.Page!;
        Assert.Equal(10, page.Items.Count);
        Assert.Equal(Enumerable.Range(0, 10), page.Items.Select(i => i.Position));
        Assert.False(page.ColdStart);
        Assert.Equal("fake-1", page.ModelVersion);
        Assert.Equal("model-score", page.RankerVersion);
        Assert.Contains(page.Items, i => i.Origin == CandidateOrigin.Ann);
        Assert.Contains(page.Items, i => i.Origin == CandidateOrigin.Fresh); // the guaranteed fresh share
        Assert.False(string.IsNullOrEmpty(page.NextCursor));
    }

    [Fact]
    public async Task GetFeed_ColdStartUser_TrendingAndFreshMixWithoutRepeats()
    {
        var result = await _world.Service().GetFeedAsync(4, 20, null);

        var page = result.Page!;
        Assert.True(page.ColdStart);
        Assert.Equal(20, page.Items.Count);
        Assert.All(page.Items, i => Assert.Contains(i.Origin, new[] { CandidateOrigin.Trending, CandidateOrigin.Fresh }));
        Assert.Contains(page.Items, i => i.Origin == CandidateOrigin.Trending);
        Assert.InRange(page.Items.Count(i => i.Origin == CandidateOrigin.Fresh), 2, 6);
        Assert.Equal(20, page.Items.Select(i => i.VideoId).Distinct().Count());
        Assert.All(page.Items.GroupBy(i => i.CreatorId), g => Assert.True(g.Count() <= 2));
    }

    [Fact]
    public async Task GetFeed_PagingWithCursors_NeverRepeatsAcrossPages()
    {
        var service = _world.Service();
        var seen = new HashSet<long>();
        string? cursor = null;
        for (var p = 0; p < 8; p++)
        {
            var page = (await service.GetFeedAsync(2, 15, cursor)).Page!;
            Assert.Equal(p, page.PageNumber);
            Assert.Equal(15, page.Items.Count);
            Assert.All(page.Items, i => Assert.True(seen.Add(i.VideoId), $"video {i.VideoId} repeated on page {p}"));
            cursor = page.NextCursor;
            _world.Time.Advance(TimeSpan.FromSeconds(20));
        }
    }

    [Fact]
    public async Task GetFeed_CursorOnAnotherInstanceWithSameKey_StillNoRepeats()
    {
        // The second instance has no in-memory history: only the cursor's served filter prevents repeats.
        var first = (await _world.Service().GetFeedAsync(1, 20, null)).Page!;

        var second = (await _world.Service().GetFeedAsync(1, 20, first.NextCursor)).Page!;

        Assert.Equal(20, second.Items.Count);
        Assert.Empty(first.Items.Select(i => i.VideoId).Intersect(second.Items.Select(i => i.VideoId)));
    }

    [Fact]
    public async Task GetFeed_NewSessionAfterRetryWindow_DoesNotRepeatRecentlyServed()
    {
        var service = _world.Service();
        var first = (await service.GetFeedAsync(1, 20, null)).Page!;
        _world.Time.Advance(TimeSpan.FromMinutes(5));

        var fresh = (await service.GetFeedAsync(1, 20, null)).Page!;

        Assert.Equal(0, fresh.PageNumber);
        Assert.Empty(first.Items.Select(i => i.VideoId).Intersect(fresh.Items.Select(i => i.VideoId)));
    }

    [Fact]
    public async Task GetFeed_TamperedCursor_Rejected()
    {
        var service = _world.Service();
        var cursor = (await service.GetFeedAsync(1, 5, null)).Page!.NextCursor;
        var chars = cursor.ToCharArray();
        chars[20] = chars[20] == 'A' ? 'B' : 'A'; // inside the signed user/session bytes

        var result = await service.GetFeedAsync(1, 5, new string(chars));

        Assert.Equal(FeedStatus.InvalidCursor, result.Status);
        Assert.Contains("altered", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("garbage")]
    [InlineData("!!!!")]
    public async Task GetFeed_GarbageCursor_Rejected(string cursor)
    {
        var result = await _world.Service().GetFeedAsync(1, 5, cursor);

        Assert.Equal(FeedStatus.InvalidCursor, result.Status);
        Assert.Null(result.Page);
    }

    [Fact]
    public async Task GetFeed_CursorOfAnotherUser_Rejected()
    {
        var service = _world.Service();
        var cursorOfUser2 = (await service.GetFeedAsync(2, 5, null)).Page!.NextCursor;

        var result = await service.GetFeedAsync(1, 5, cursorOfUser2);

        Assert.Equal(FeedStatus.InvalidCursor, result.Status);
        Assert.Contains("another user", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetFeed_CursorSignedWithAnotherKey_Rejected()
    {
        var foreign = (await _world.Service(key: [.. Enumerable.Repeat((byte)9, 32)]).GetFeedAsync(1, 5, null)).Page!.NextCursor;

        var result = await _world.Service().GetFeedAsync(1, 5, foreign);

        Assert.Equal(FeedStatus.InvalidCursor, result.Status);
    }

    [Fact]
    public async Task GetFeed_ExpiredCursor_Rejected()
    {
        var service = _world.Service();
        var cursor = (await service.GetFeedAsync(1, 5, null)).Page!.NextCursor;
        _world.Time.Advance(TimeSpan.FromHours(25));

        var result = await service.GetFeedAsync(1, 5, cursor);

        Assert.Equal(FeedStatus.InvalidCursor, result.Status);
        Assert.Contains("expired", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(51)]
    public async Task GetFeed_CountOutOfRange_InvalidCount(int count)
    {
        var result = await _world.Service().GetFeedAsync(1, count, null);

        Assert.Equal(FeedStatus.InvalidCount, result.Status);
    }

    [Fact]
    public async Task GetFeed_UnknownUser_UnknownUserStatus()
    {
        var result = await _world.Service().GetFeedAsync(999, 5, null);

        Assert.Equal(FeedStatus.UnknownUser, result.Status);
        Assert.Empty(await _world.LoggedAsync());
    }

    [Fact]
    public async Task GetFeed_ServedItems_AppendedAsImpressions()
    {
        var listener = new RecordingListener();
        var page = (await _world.Service(listener: listener).GetFeedAsync(1, 10, null)).Page!;

        var logged = await _world.LoggedAsync();

        Assert.Equal(page.Items.Select(i => i.VideoId), logged.Select(e => e.VideoId));
        Assert.All(logged, e => Assert.Equal((EventKind.Impression, 1L, FeedWorld.Now), (e.Kind, e.UserId, e.OccurredAt)));
        Assert.Equal(10, logged.Select(e => e.ClientEventId).Distinct().Count());
        Assert.Equal(10, Assert.Single(listener.Results).Appended);
    }

    [Fact]
    public async Task GetFeed_SameCursorRequestRetried_ImpressionsLoggedOnce()
    {
        var service = _world.Service();
        var first = (await service.GetFeedAsync(1, 10, null)).Page!;
        _world.Time.Advance(TimeSpan.FromSeconds(3));
        var second = (await service.GetFeedAsync(1, 10, first.NextCursor)).Page!;
        _world.Time.Advance(TimeSpan.FromSeconds(3));

        var retried = (await service.GetFeedAsync(1, 10, first.NextCursor)).Page!;

        Assert.Equal(second.Items, retried.Items);
        Assert.Equal(second.NextCursor, retried.NextCursor);
        Assert.Equal(20, (await _world.LoggedAsync()).Count);
    }

    [Fact]
    public async Task GetFeed_FirstPageRetriedWithinWindow_SamePageLoggedOnce()
    {
        var listener = new RecordingListener();
        var service = _world.Service(listener: listener);
        var first = (await service.GetFeedAsync(3, 10, null)).Page!;
        _world.Time.Advance(TimeSpan.FromSeconds(2));

        var retried = (await service.GetFeedAsync(3, 10, null)).Page!;

        Assert.Same(first, retried);
        Assert.Equal(10, (await _world.LoggedAsync()).Count);
        Assert.Equal([10, 0], listener.Results.Select(r => r.Appended));
        Assert.Equal(10, listener.Results[1].Duplicates);
    }

    [Fact]
    public async Task GetFeed_RetryOnAnotherInstance_SameImpressionIdsDeduplicatedByLog()
    {
        // Without the in-memory last page the ids still derive from (user, session, page, position, cursor time),
        // not from when the retry arrives.
        var first = (await _world.Service().GetFeedAsync(1, 10, null)).Page!;
        _world.Time.Advance(TimeSpan.FromSeconds(2));
        var a = (await _world.Service().GetFeedAsync(1, 10, first.NextCursor)).Page!;
        _world.Time.Advance(TimeSpan.FromSeconds(5));
        var b = (await _world.Service().GetFeedAsync(1, 10, first.NextCursor)).Page!;

        Assert.Equal(a.Items.Select(i => i.VideoId), b.Items.Select(i => i.VideoId));
        Assert.Equal(20, (await _world.LoggedAsync()).Count);
    }

    [Fact]
    public void Constructor_BadOptions_ThrowsListingAll()
    {
        var options = new FeedOptions { MaxCount = 0, RecentlyServedPerUser = -1, CursorLifetime = TimeSpan.Zero, Candidates = new CandidateSourceSetOptions { Warm = new SourceBudgets(0, 0, 0, 0, 0) } };

        var error = Assert.Throws<RecommendationOptionsException>(() => _world.Service(options));

        Assert.Equal(5, error.Problems.Count); // MaxCount, DefaultCount (> MaxCount), RecentlyServedPerUser, CursorLifetime, Candidates.Warm
    }

    [Fact]
    public async Task GetFeed_TrackedUsersBounded()
    {
        var service = _world.Service(new FeedOptions { MaxTrackedUsers = 2 });
        for (var u = 1; u <= 5; u++)
        {
            await service.GetFeedAsync(u, 3, null);
            _world.Time.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.InRange(service.TrackedUsers, 1, 2);
    }

    private sealed class RecordingListener : IImpressionListener
    {
        public List<AppendResult> Results { get; } = [];

        public void OnImpressionsAppended(AppendResult result, IReadOnlyList<EngagementEvent> impressions) => Results.Add(result);
    }
}
