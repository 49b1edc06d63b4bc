using Whisper.Core.Domain;
using Whisper.Evaluation.Data;
using Whisper.Recommendation.Catalog;
using Whisper.Storage;

namespace Whisper.Parity.Shadow;

/// <summary>
/// Builds a <see cref="ReplayPlan"/> from a log: the requests of the users active in the window (first event each, in
/// log order) and every positive of the log as held-out engagement. Bad options, an empty window and users of the list
/// who are not active in it are an <see cref="ArgumentException"/> naming the problem.
/// </summary>
public static class LogReplay
{
    public static ReplayPlan Build(IEnumerable<ReplayEvent> events, ReplayOptions options)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", problems), nameof(options));
        }

        var from = options.From.ToUnixTimeMilliseconds();
        var to = options.To.ToUnixTimeMilliseconds();
        var wanted = options.Users is null ? null : new HashSet<long>(options.Users);
        var heldOut = new HeldOutEngagement(options.Horizon);
        var requested = new HashSet<long>();
        var requests = new List<ShadowRequest>();
        foreach (var e in events)
        {
            if (e.Positive)
            {
                heldOut.Add(e.UserId, e.VideoId, e.TimeMs);
            }

            if (e.TimeMs >= from && e.TimeMs < to && requests.Count < options.MaxRequests
                && (wanted is null || wanted.Contains(e.UserId)) && requested.Add(e.UserId))
            {
                requests.Add(new ShadowRequest(requests.Count + 1, e.UserId, DateTimeOffset.FromUnixTimeMilliseconds(e.TimeMs), options.Count));
            }
        }

        if (requests.Count == 0)
        {
            throw new ArgumentException($"no user is active in the replay window [{options.From:O}, {options.To:O}); choose a window inside the log's time span.", nameof(options));
        }

        if (wanted is not null && requested.Count < wanted.Count && requests.Count < options.MaxRequests)
        {
            var missing = wanted.Where(u => !requested.Contains(u)).Order().Take(5);
            throw new ArgumentException($"users {string.Join(", ", missing)} have no events in the replay window; list only users active in it.", nameof(options));
        }

        return new ReplayPlan(requests, heldOut);
    }

    /// <summary>The events of a dataset (a generated world or a loaded log), positives by its relevance rule.</summary>
    public static IEnumerable<ReplayEvent> From(EvaluationDataset dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        for (var i = 0; i < dataset.Events.Length; i++)
        {
            var e = dataset.Events[i];
            yield return new ReplayEvent(i + 1, dataset.UserId(e.User), dataset.ItemId(e.Item), e.TimeMs, e.IsPositive);
        }
    }

    /// <summary>Reads a region's log from the start (impressions skipped), positives by <paramref name="relevance"/> against the catalog's durations.</summary>
    public static async Task<List<ReplayEvent>> ReadAsync(IEventLog log, CatalogView catalog, RelevanceRule? relevance = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(catalog);
        relevance ??= RelevanceRule.Default;
        var events = new List<ReplayEvent>();
        var page = new List<LoggedEvent>(EvaluationDataset.ReadPageSize);
        long position = 0;
        while (true)
        {
            page.Clear();
            if (await log.ReadAsync(position, EvaluationDataset.ReadPageSize, page, cancellationToken).ConfigureAwait(false) == 0)
            {
                break;
            }

            foreach (var logged in page)
            {
                var e = logged.Event;
                if (e.Kind != EventKind.Impression)
                {
                    var duration = catalog.TryGetVideo(e.VideoId, out var facts) ? facts.DurationMs : 0;
                    events.Add(new ReplayEvent(logged.Sequence, e.UserId, e.VideoId, e.OccurredAt.ToUnixTimeMilliseconds(), relevance.IsPositive(e.Kind, e.WatchTimeMs, duration)));
                }
            }

            position = page[^1].Sequence;
        }

        return events;
    }
}
