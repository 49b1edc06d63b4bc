using Whisper.Core.Domain;

namespace Whisper.Recommendation.RankingAudit;

/// <summary>
/// Every user's logged impressions in time order: the seen filter's input at any
/// request time (the latest <see cref="DeclaredRules.SeenWindow"/> impressions strictly before it).
/// </summary>
internal sealed class SeenHistory
{
    private readonly Dictionary<long, List<(long AtMs, long VideoId)>> _byUser = [];

    public long Impressions { get; private set; }

    /// <summary>The impressions of <paramref name="events"/> that occurred at or after <paramref name="since"/> (the audited period: see the doc's "Seen filter").</summary>
    public static SeenHistory From(IReadOnlyList<LoggedEvent> events, DateTimeOffset since)
    {
        var history = new SeenHistory();
        foreach (var logged in events)
        {
            if (logged.Event.Kind == EventKind.Impression && logged.Event.OccurredAt >= since)
            {
                history.Add(logged.Event.UserId, logged.Event.OccurredAt.ToUnixTimeMilliseconds(), logged.Event.VideoId);
            }
        }

        foreach (var list in history._byUser.Values)
        {
            list.Sort(static (a, b) => a.AtMs.CompareTo(b.AtMs));
        }

        return history;
    }

    /// <summary>The latest <paramref name="window"/> distinct videos served to <paramref name="userId"/> before <paramref name="atMs"/>.</summary>
    public HashSet<long> Before(long userId, long atMs, int window)
    {
        var seen = new HashSet<long>();
        if (window == 0 || !_byUser.TryGetValue(userId, out var list))
        {
            return seen;
        }

        var end = UpperBound(list, atMs); // first impression at or after the request
        for (var i = end - 1; i >= 0 && seen.Count < window; i--)
        {
            seen.Add(list[i].VideoId);
        }

        return seen;
    }

    private void Add(long userId, long atMs, long videoId)
    {
        if (!_byUser.TryGetValue(userId, out var list))
        {
            _byUser[userId] = list = [];
        }

        list.Add((atMs, videoId));
        Impressions++;
    }

    private static int UpperBound(List<(long AtMs, long VideoId)> list, long atMs)
    {
        int lo = 0, hi = list.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (list[mid].AtMs < atMs)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}
