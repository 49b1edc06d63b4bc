using System.Runtime.InteropServices;

using Whisper.Core.Domain;

namespace Whisper.World.Generation;

/// <summary>The event stream: simulated sessions, day by day, in time order (docs/world.md, "Behaviour").</summary>
public sealed partial class WorldGenerator
{
    /// <summary>Events per append the writer uses by default: ~240 KB of events, one SQLite transaction each.</summary>
    public const int DefaultBatchSize = 5_000;

    /// <summary>
    /// Streams the whole event log in batches of at most <paramref name="batchSize"/> events, in time order. Each
    /// enumeration starts over and yields the same batches. Memory stays at one day of events (~170k for the default world).
    /// </summary>
    public IEnumerable<WorldEventBatch> GenerateEvents(int batchSize = DefaultBatchSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        return Stream(batchSize);
    }

    private IEnumerable<WorldEventBatch> Stream(int batchSize)
    {
        var simulation = new Simulation(this);
        var buffer = new EngagementEvent[batchSize];
        long first = 0;
        while (true)
        {
            var follows = new List<Follow>();
            var orders = new List<Order>();
            var n = simulation.Fill(buffer, follows, orders);
            if (n == 0)
            {
                yield break;
            }

            yield return new WorldEventBatch(first, new ArraySegment<EngagementEvent>(buffer, 0, n), follows, orders, simulation.DaysCompleted);
            first += n;
        }
    }

    /// <summary>One event before time ordering; 24 bytes.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct RawEvent
    {
        public int TimeMs; // within the day
        public int User;
        public int Video;
        public int WatchMs;
        public int Product; // -1: none
        public EventKind Kind;
        public byte Quantity;
    }

    /// <summary>Engagement model constants (docs/world.md, "Behaviour"): change them and the doc together.</summary>
    private static class Model
    {
        public const double AffinityWeight = 3.0;
        public const double PopularityWeight = 0.35;
        public const double TrendWeight = 1.0;
        public const double NoiseSd = 0.5;
        public const double Bias = -1.5;
        public const double WatchScale = 1.3;
        public const double WatchNoiseSd = 0.3;
        public const double MaxWatchRatio = 2.0;
        public const double SkipBelowRatio = 0.25;
        public const double Like = 0.25;
        public const double Share = 0.06;
        public const double Comment = 0.05;
        public const double Follow = 0.04;
        public const double Purchase = 0.02;
        public const double PopularitySource = 0.30;
        public const double TrendingSource = 0.15;
        public const double FollowingSource = 0.15;
        public const int LatestSessionStartMs = 23 * 3_600_000; // sessions start by 23:00 UTC and end by midnight
        public const int DayCutoffMs = (int)(MsPerDay - 60_000);
    }

    /// <summary>Hour-of-day activity weights (local time): quiet at night, peak in the evening.</summary>
    private static readonly double[] DiurnalWeights =
        [2, 1, 1, 1, 1, 2, 3, 5, 6, 6, 6, 7, 8, 7, 6, 6, 7, 8, 10, 12, 13, 12, 9, 5];

    private sealed class Simulation
    {
        private readonly WorldGenerator _g;
        private readonly List<int>[] _follows;
        private readonly int[] _session;
        private readonly AliasTable _hours = new(DiurnalWeights);
        private RawEvent[] _day = new RawEvent[1 << 16];
        private long[] _keys = new long[1 << 16];
        private int _dayCount;
        private int _cursor;
        private int _nextDay;
        private long _orders;
        private long _emitted;
        private AliasTable? _trending;

        public Simulation(WorldGenerator generator)
        {
            _g = generator;
            _follows = new List<int>[generator._users];
            for (var u = 0; u < _follows.Length; u++)
            {
                var list = new List<int>(generator._followStart[u + 1] - generator._followStart[u] + 2);
                for (var i = generator._followStart[u]; i < generator._followStart[u + 1]; i++)
                {
                    list.Add(generator._followList[i]);
                }

                _follows[u] = list;
            }

            _session = new int[generator._options.MaxVideosPerSession];
        }

        public int DaysCompleted => _cursor < _dayCount ? _nextDay - 1 : _nextDay;

        public int Fill(EngagementEvent[] buffer, List<Follow> follows, List<Order> orders)
        {
            var n = 0;
            while (n < buffer.Length)
            {
                if (_cursor == _dayCount)
                {
                    if (_nextDay == _g._options.Days)
                    {
                        break;
                    }

                    SimulateDay(_nextDay++);
                    continue;
                }

                buffer[n++] = Emit(_day[_cursor++], _nextDay - 1, follows, orders);
            }

            return n;
        }

        private EngagementEvent Emit(in RawEvent raw, int day, List<Follow> follows, List<Order> orders)
        {
            var options = _g._options;
            var at = options.Start.AddTicks(((day * MsPerDay) + raw.TimeMs) * TimeSpan.TicksPerMillisecond);
            var id = WorldEventIds.For(options.Seed, _emitted++);
            long productId = 0;
            if (raw.Kind == EventKind.Follow)
            {
                follows.Add(new Follow(raw.User + 1, _g.Truth.VideoCreatorsRaw[raw.Video] + 1L, at));
            }
            else if (raw.Kind == EventKind.Purchase)
            {
                productId = raw.Product + 1L;
                var price = _g._productPrice[raw.Product];
                var country = SyntheticGeography.Countries[_g._productCountry[raw.Product]];
                orders.Add(new Order(++_orders, raw.User + 1, productId, raw.Quantity, price * raw.Quantity, country.Currency,
                    SyntheticGeography.Countries[_g._residence[raw.User]].Code, at));
            }

            return new EngagementEvent(id, raw.User + 1, raw.Video + 1, raw.Kind, at, raw.WatchMs, productId);
        }

        private void SimulateDay(int day)
        {
            _dayCount = 0;
            _cursor = 0;
            var topics = _g._topics;
            var levels = _g.Truth.TrendLevelsRaw;
            var trendWeights = new double[topics];
            double trendSum = 0;
            for (var t = 0; t < topics; t++)
            {
                var level = levels[(day * topics) + t];
                trendWeights[t] = level >= 0.05 ? level : 0;
                trendSum += trendWeights[t];
            }

            _trending = trendSum > 0 ? new AliasTable(trendWeights) : null;
            var activity = _g.Truth.UserActivityRaw;
            for (var u = 0; u < _g._users; u++)
            {
                var rng = WorldRandom.For(_g._options.Seed, SessionTag, u, day);
                var sessions = rng.NextPoisson(activity[u]);
                var offset = SyntheticGeography.Countries[_g._residence[u]].UtcOffsetHours;
                for (var s = 0; s < sessions; s++)
                {
                    var localHour = _hours.Sample(ref rng);
                    var utcHour = (((localHour - offset) % 24) + 24) % 24;
                    var startMs = (utcHour * 3_600_000) + rng.NextInt(3_600_000);
                    if (startMs >= Model.LatestSessionStartMs)
                    {
                        startMs -= 3_600_000;
                    }

                    SimulateSession(ref rng, u, day, startMs);
                }
            }

            // Time order; the generation index breaks ties, so the order is total and independent of the sort algorithm.
            var keys = _keys.AsSpan(0, _dayCount);
            for (var i = 0; i < keys.Length; i++)
            {
                keys[i] = ((long)_day[i].TimeMs << 32) | (uint)i;
            }

            keys.Sort(_day.AsSpan(0, _dayCount));
        }

        private void SimulateSession(ref WorldRandom rng, int u, int day, int startMs)
        {
            var g = _g;
            var options = g._options;
            var count = Math.Min(options.MaxVideosPerSession, 1 + rng.NextPoisson(options.VideosPerSession - 1));
            var taste = g.Truth.UserTastesRaw.AsSpan(u * g._dims, g._dims);
            var vectors = g.Truth.VideoVectorsRaw;
            var creators = g.Truth.VideoCreatorsRaw;
            var levels = g.Truth.TrendLevelsRaw;
            var follows = _follows[u];
            var t = startMs;
            var shown = 0;
            for (var i = 0; i < count && t < Model.DayCutoffMs; i++)
            {
                var v = DrawCandidate(ref rng, u, day, t, shown);
                if (v < 0)
                {
                    continue;
                }

                _session[shown++] = v;
                var c = creators[v];
                var affinity = GroundTruth.Dot(taste, vectors.AsSpan(v * g._dims, g._dims));
                double trend = 0;
                for (var k = 0; k < GroundTruth.MaxTopicsPerVideo; k++)
                {
                    var topic = g.Truth.VideoTopicIdsRaw[(v * GroundTruth.MaxTopicsPerVideo) + k];
                    if (topic < 0)
                    {
                        break;
                    }

                    trend += g.Truth.VideoTopicWeightsRaw[(v * GroundTruth.MaxTopicsPerVideo) + k] * levels[(day * g._topics) + topic];
                }

                var z = (Model.AffinityWeight * affinity) + (Model.PopularityWeight * g._creatorLogPopularity[c])
                    + (Model.TrendWeight * trend) + (Model.NoiseSd * rng.NextGaussian()) + Model.Bias;
                var s = 1.0 / (1.0 + Math.Exp(-z));
                var ratio = Math.Min(Model.MaxWatchRatio, Model.WatchScale * s * Math.Exp(Model.WatchNoiseSd * rng.NextGaussian()));
                var watch = (int)(ratio * g._videoDuration[v]);
                Add(t, u, v, EventKind.Impression, 0);
                var end = t + watch;
                if (ratio < Model.SkipBelowRatio)
                {
                    Add(end, u, v, EventKind.Skip, watch);
                }
                else
                {
                    Add(end, u, v, EventKind.View, watch);
                    var s2 = s * s;
                    if (rng.NextBool(Model.Like * s2))
                    {
                        Add(end + 1 + rng.NextInt(2_000), u, v, EventKind.Like, 0);
                    }

                    if (rng.NextBool(Model.Share * s2))
                    {
                        Add(end + 1 + rng.NextInt(4_000), u, v, EventKind.Share, 0);
                    }

                    if (rng.NextBool(Model.Comment * s2))
                    {
                        Add(end + 1 + rng.NextInt(8_000), u, v, EventKind.Comment, 0);
                    }

                    if (rng.NextBool(Model.Follow * s2) && g._creatorUser[c] != u && !follows.Contains(c))
                    {
                        follows.Add(c);
                        Add(end + 1 + rng.NextInt(3_000), u, v, EventKind.Follow, 0);
                    }

                    var products = g._creatorProductStart[c + 1] - g._creatorProductStart[c];
                    if (products > 0 && rng.NextBool(Model.Purchase * s2))
                    {
                        var p = g._creatorProductStart[c] + rng.NextInt(products);
                        Add(end + 5_000 + rng.NextInt(30_000), u, v, EventKind.Purchase, 0, p, (byte)(rng.NextBool(0.85) ? 1 : 2));
                    }
                }

                t = end + 300 + rng.NextInt(1_200); // swipe to the next video
            }
        }

        /// <summary>One candidate from the source mix; −1 when every try hit an unpublished or already-shown video.</summary>
        private int DrawCandidate(ref WorldRandom rng, int u, int day, int timeMs, int shown)
        {
            var g = _g;
            var nowMs = (day * MsPerDay) + timeMs;
            for (var attempt = 0; attempt < 4; attempt++)
            {
                int v;
                var r = rng.NextDouble();
                var explore = g._options.ExplorationRate;
                if (r < explore)
                {
                    v = rng.NextInt(g._videos);
                }
                else
                {
                    r = (r - explore) / (1 - explore);
                    v = r < Model.PopularitySource ? g._videoPopularity.Sample(ref rng)
                        : r < Model.PopularitySource + Model.TrendingSource ? Trending(ref rng)
                        : r < Model.PopularitySource + Model.TrendingSource + Model.FollowingSource ? Following(ref rng, u)
                        : TopicMatch(ref rng, u);
                }

                if (g._videoPublishedMs[v] <= nowMs && _session.AsSpan(0, shown).IndexOf(v) < 0)
                {
                    return v;
                }
            }

            return -1;
        }

        private int Trending(ref WorldRandom rng)
        {
            if (_trending is null)
            {
                return _g._videoPopularity.Sample(ref rng);
            }

            var topic = _trending.Sample(ref rng);
            var pool = _g._videosOfTopicList[topic];
            return pool.Length == 0 ? _g._videoPopularity.Sample(ref rng) : pool[_g._videosOfTopic[topic].Sample(ref rng)];
        }

        private int Following(ref WorldRandom rng, int u)
        {
            var follows = _follows[u];
            if (follows.Count == 0)
            {
                return TopicMatch(ref rng, u);
            }

            var c = follows[rng.NextInt(follows.Count)];
            var from = _g._creatorVideoStart[c];
            var n = _g._creatorVideoStart[c + 1] - from;
            return n == 0 ? TopicMatch(ref rng, u) : _g._creatorVideoList[from + rng.NextInt(n)];
        }

        private int TopicMatch(ref WorldRandom rng, int u)
        {
            var topic = _g.SampleTopic(ref rng, u);
            var pool = _g._videosOfTopicList[topic];
            return pool.Length == 0 ? _g._videoPopularity.Sample(ref rng) : pool[_g._videosOfTopic[topic].Sample(ref rng)];
        }

        private void Add(int timeMs, int u, int v, EventKind kind, int watchMs, int product = -1, byte quantity = 0)
        {
            if (_dayCount == _day.Length)
            {
                Array.Resize(ref _day, _day.Length * 2);
                Array.Resize(ref _keys, _keys.Length * 2);
            }

            _day[_dayCount++] = new RawEvent
            {
                TimeMs = Math.Min(timeMs, (int)MsPerDay - 1),
                User = u,
                Video = v,
                WatchMs = watchMs,
                Product = product,
                Kind = kind,
                Quantity = quantity,
            };
        }
    }
}
