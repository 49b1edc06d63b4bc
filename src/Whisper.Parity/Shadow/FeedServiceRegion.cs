using System.Diagnostics;

using Whisper.Recommendation.Feed;

namespace Whisper.Parity.Shadow;

/// <summary>
/// A region served in process by its <see cref="FeedService"/>: each request is a first page (no cursor) of at most
/// <see cref="FeedOptions.MaxCount"/> items. Build the service over a <see cref="Regions.ShadowStore"/> so the shadow's
/// impressions never reach the region's log.
/// </summary>
public sealed class FeedServiceRegion(string name, FeedService feed) : IFeedRegion
{
    private readonly FeedService _feed = feed ?? throw new ArgumentNullException(nameof(feed));

    public string Name { get; } = name ?? throw new ArgumentNullException(nameof(name));

    public async Task<RegionAnswer> GetFeedAsync(ShadowRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var started = Stopwatch.GetTimestamp();
        var result = await _feed.GetFeedAsync(request.UserId, Math.Min(request.Count, _feed.Options.MaxCount), null, cancellationToken).ConfigureAwait(false);
        var latency = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (result.Page is not { } page)
        {
            return RegionAnswer.Failed($"{result.Status}: {result.Error}", latency);
        }

        var items = new RankedVideo[page.Items.Count];
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = new RankedVideo(page.Items[i].VideoId, page.Items[i].CreatorId);
        }

        return new RegionAnswer(items, latency, null);
    }
}
