using Whisper.Recommendation.Reranking;
using Whisper.Recommendation.ResponseLog;

namespace Whisper.Recommendation.RankingAudit;

/// <summary>Served and expected slots per entity of one dimension, with example requests for each direction of difference.</summary>
internal sealed class ExposureTally(string dimension, int examples)
{
    private readonly Dictionary<long, Exposure> _entities = [];
    private readonly Dictionary<long, int> _served = [];
    private readonly Dictionary<long, int> _expected = [];
    private readonly Dictionary<long, long> _video = [];

    public string Dimension { get; } = dimension;

    public IReadOnlyDictionary<long, Exposure> Entities => _entities;

    /// <summary>Adds one request: the entity keys of its served and expected slots (key 0 = none, skipped).</summary>
    public void Add(ServedResponse response, IReadOnlyList<ServedItem> served, IReadOnlyList<RankedCandidate> expected, Func<long, long, long> keyOf)
    {
        _served.Clear();
        _expected.Clear();
        _video.Clear();
        foreach (var item in served)
        {
            Count(_served, keyOf(item.VideoId, item.CreatorId), item.VideoId);
        }

        foreach (var item in expected)
        {
            Count(_expected, keyOf(item.VideoId, item.CreatorId), item.VideoId);
        }

        foreach (var (key, count) in _served)
        {
            var entity = Entity(key);
            entity.Served += count;
            if (count > _expected.GetValueOrDefault(key))
            {
                entity.Note(entity.ServedNotExpected, response.RequestId, _video[key], examples);
            }
        }

        foreach (var (key, count) in _expected)
        {
            var entity = Entity(key);
            entity.Expected += count;
            if (count > _served.GetValueOrDefault(key))
            {
                entity.Note(entity.ExpectedNotServed, response.RequestId, _video[key], examples);
            }
        }
    }

    private void Count(Dictionary<long, int> counts, long key, long videoId)
    {
        if (key != 0)
        {
            counts[key] = counts.GetValueOrDefault(key) + 1;
            _video.TryAdd(key, videoId);
        }
    }

    private Exposure Entity(long key)
    {
        if (!_entities.TryGetValue(key, out var entity))
        {
            _entities[key] = entity = new Exposure();
        }

        return entity;
    }

    internal sealed class Exposure
    {
        public long Served { get; set; }

        public long Expected { get; set; }

        public List<string> ServedNotExpected { get; } = [];

        public List<string> ExpectedNotServed { get; } = [];

        public List<long> Videos { get; } = [];

        public void Note(List<string> requests, string requestId, long videoId, int limit)
        {
            if (requests.Count < limit)
            {
                requests.Add(requestId);
            }

            if (Videos.Count < limit && !Videos.Contains(videoId))
            {
                Videos.Add(videoId);
            }
        }
    }
}
