using System.Collections.Concurrent;

using Whisper.Core.Domain;
using Whisper.Recommendation.Catalog;

namespace Whisper.Recommendation.Candidates;

/// <summary>
/// What is hot in the request's region now: exponentially decayed engagement per (region of the acting user, video),
/// in event time. As an <see cref="IEngagementObserver"/> it sees each logged event once; each region keeps its
/// <see cref="TrendingOptions.TopPerRegion"/> best videos ranked incrementally (a few comparisons per event), so a
/// request only copies the head of a ready list. Scores are stored scaled to a reference time (see
/// <see cref="RegionTrend"/>) so decay needs no sweep: decay multiplies every score in a region by the same factor
/// and cannot change their order.
/// </summary>
public sealed partial class TrendingCandidateSource : ICandidateSource, IEngagementObserver
{
    private readonly CatalogView _catalog;
    private readonly TrendingOptions _options;
    private readonly double[] _weights;
    private readonly ConcurrentDictionary<string, RegionTrend> _regions = new(StringComparer.Ordinal);

    public TrendingCandidateSource(CatalogView catalog, TrendingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        _options = options ?? TrendingOptions.Default;
        CandidateOptionsException.ThrowIfAny(_options.Validate());
        _catalog = catalog;
        _weights = new double[byte.MaxValue + 1];
        foreach (var kind in Enum.GetValues<EventKind>())
        {
            _weights[(byte)kind] = _options.WeightOf(kind);
        }
    }

    public CandidateOrigin Origin => CandidateOrigin.Trending;

    /// <summary>Log position of the last event observed (0 before any).</summary>
    public long Position { get; private set; }

    public void Observe(in LoggedEvent logged)
    {
        var e = logged.Event;
        Position = logged.Sequence;
        var weight = _weights[(byte)e.Kind];
        if (weight <= 0 || e.VideoId <= 0)
        {
            return;
        }

        var region = _catalog.RegionOfUser(e.UserId);
        var trend = _regions.GetOrAdd(region, static (_, options) => new RegionTrend(options), _options);
        trend.Add(e.VideoId, weight, e.OccurredAt.ToUnixTimeMilliseconds());
    }

    public void Collect(FeedRequest request, int budget, List<Candidate> into)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(into);
        if (budget <= 0 || !_regions.TryGetValue(request.Region, out var trend))
        {
            return;
        }

        trend.CollectTop(request, budget, _catalog, into);
    }

    /// <summary>The region's decayed score of a video at <paramref name="now"/> (0 when unknown); for tests and diagnostics.</summary>
    public double ScoreOf(string region, long videoId, DateTimeOffset now) =>
        _regions.TryGetValue(region, out var trend) ? trend.ScoreAt(videoId, now.ToUnixTimeMilliseconds()) : 0;
}
