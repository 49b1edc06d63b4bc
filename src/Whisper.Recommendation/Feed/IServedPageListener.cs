namespace Whisper.Recommendation.Feed;

/// <summary>
/// Told about every newly composed page (not about retries, which repeat a page already told), on the request's
/// thread: enqueue and return — the served-response log (<see cref="ResponseLog.ServedResponseLog"/>) does.
/// </summary>
public interface IServedPageListener
{
    void OnPageServed(in ServedPage served);
}

/// <summary>A page as it was served: the page, when it was asked for, how many items were asked, and the paging session.</summary>
public readonly record struct ServedPage(FeedPage Page, DateTimeOffset RequestedAt, int Count, ulong Session);
