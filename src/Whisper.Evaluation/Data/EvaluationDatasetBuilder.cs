using Whisper.Core.Domain;
using Whisper.Recommendation.Catalog;

namespace Whisper.Evaluation.Data;

/// <summary>
/// Collects events in log order and builds an <see cref="EvaluationDataset"/>. The catalog fixes the video universe
/// and durations; videos the catalog lacks are added as they appear (their views never count as long watches).
/// </summary>
public sealed class EvaluationDatasetBuilder
{
    private readonly CatalogView _catalog;
    private readonly RelevanceRule _relevance;
    private readonly List<long> _itemIds;
    private readonly List<int> _itemDurations;
    private readonly List<int> _itemCreators;
    private readonly Dictionary<long, int> _itemIndex;
    private readonly long[] _creatorIds;
    private readonly Dictionary<long, int> _userIndex = [];
    private readonly List<long> _userIds = [];
    private readonly List<EventRecord> _events;
    private long _skipped;

    public EvaluationDatasetBuilder(CatalogView catalog, RelevanceRule? relevance = null, int expectedEvents = 0)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        _catalog = catalog;
        _relevance = relevance ?? RelevanceRule.Default;
        _events = new List<EventRecord>(Math.Max(0, expectedEvents));

        var videoIds = catalog.VideoIds.ToArray();
        Array.Sort(videoIds);
        var creators = new SortedSet<long>();
        var facts = new VideoFacts[videoIds.Length];
        for (var i = 0; i < videoIds.Length; i++)
        {
            catalog.TryGetVideo(videoIds[i], out facts[i]);
            creators.Add(facts[i].CreatorId);
        }

        _creatorIds = [.. creators];
        _itemIds = new List<long>(videoIds);
        _itemDurations = new List<int>(videoIds.Length);
        _itemCreators = new List<int>(videoIds.Length);
        _itemIndex = new Dictionary<long, int>(videoIds.Length);
        for (var i = 0; i < videoIds.Length; i++)
        {
            _itemIndex[videoIds[i]] = i;
            _itemDurations.Add(facts[i].DurationMs);
            _itemCreators.Add(Array.BinarySearch(_creatorIds, facts[i].CreatorId));
        }
    }

    /// <summary>Adds one event; purchases are counted as skipped.</summary>
    public void Add(in EngagementEvent e)
    {
        if (e.Kind == EventKind.Purchase || e.VideoId <= 0)
        {
            _skipped++;
            return;
        }

        if (!_itemIndex.TryGetValue(e.VideoId, out var item))
        {
            item = _itemIds.Count;
            _itemIndex[e.VideoId] = item;
            _itemIds.Add(e.VideoId);
            _itemDurations.Add(0);
            _itemCreators.Add(-1);
        }

        if (!_userIndex.TryGetValue(e.UserId, out var user))
        {
            user = _userIds.Count;
            _userIndex[e.UserId] = user;
            _userIds.Add(e.UserId);
        }

        var positive = _relevance.IsPositive(e.Kind, e.WatchTimeMs, _itemDurations[item]);
        _events.Add(new EventRecord(user, item, e.OccurredAt.ToUnixTimeMilliseconds(), e.WatchTimeMs, e.Kind, positive));
    }

    public EvaluationDataset Build()
    {
        // Users were numbered in order of first appearance; renumber them by ascending id so indexes do not depend on log order.
        var userIds = _userIds.ToArray();
        var order = new int[userIds.Length];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        Array.Sort((long[])userIds.Clone(), order);
        var rank = new int[order.Length];
        for (var r = 0; r < order.Length; r++)
        {
            rank[order[r]] = r;
        }

        Array.Sort(userIds);
        var events = _events.ToArray();
        for (var i = 0; i < events.Length; i++)
        {
            events[i] = events[i] with { User = rank[events[i].User] };
        }

        return new EvaluationDataset(_catalog, _relevance, userIds, [.. _itemIds], _itemIndex, [.. _itemCreators], _creatorIds, events, _skipped);
    }
}
