namespace Whisper.Recommendation.Candidates;

public sealed partial class TrendingCandidateSource
{
    /// <summary>
    /// One region's scores and top list. A score is stored as <c>Σ wᵢ · 2^((tᵢ − t₀)/H)</c> for a reference time t₀;
    /// its value at time t is that times <c>2^((t₀ − t)/H)</c>. Stored scores only grow (weights ≥ 0), so the top list
    /// stays correct by moving the updated video up: anything outside it is ≤ its last entry. When events run
    /// <see cref="RescaleAfterHalfLives"/> half-lives past t₀ everything is rescaled to a new t₀ (order unchanged) and
    /// videos outside the top list whose score fell below <see cref="ForgetBelow"/> are dropped, bounding memory.
    /// One lock per region: an event costs a dictionary update plus ≤ TopPerRegion compares (~0.3 µs at 500).
    /// </summary>
    internal sealed class RegionTrend
    {
        public const double RescaleAfterHalfLives = 32;
        public const double ForgetBelow = 1e-3;

        private readonly Lock _gate = new();
        private readonly double _halfLifeMs;
        private readonly Dictionary<long, Entry> _scores = [];
        private readonly long[] _topIds;
        private readonly double[] _topScores;
        private int _topCount;
        private long _referenceMs = long.MinValue;

        public RegionTrend(TrendingOptions options)
        {
            _halfLifeMs = options.HalfLife.TotalMilliseconds;
            _topIds = new long[options.TopPerRegion];
            _topScores = new double[options.TopPerRegion];
        }

        public void Add(long videoId, double weight, long atMs)
        {
            lock (_gate)
            {
                if (_referenceMs == long.MinValue)
                {
                    _referenceMs = atMs;
                }
                else if ((atMs - _referenceMs) / _halfLifeMs > RescaleAfterHalfLives)
                {
                    Rescale(atMs);
                }

                ref var entry = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_scores, videoId, out _);
                entry.Score += weight * double.Exp2((atMs - _referenceMs) / _halfLifeMs);
                if (entry.InTop)
                {
                    MoveUp(IndexInTop(videoId), entry.Score);
                }
                else if (_topCount < _topIds.Length)
                {
                    entry.InTop = true;
                    _topIds[_topCount] = videoId;
                    MoveUp(_topCount++, entry.Score);
                }
                else if (entry.Score > _topScores[_topCount - 1])
                {
                    var evicted = _topIds[_topCount - 1];
                    System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrNullRef(_scores, evicted).InTop = false;
                    entry.InTop = true;
                    _topIds[_topCount - 1] = videoId;
                    MoveUp(_topCount - 1, entry.Score);
                }
            }
        }

        public void CollectTop(FeedRequest request, int budget, Catalog.CatalogView catalog, List<Candidate> into)
        {
            lock (_gate)
            {
                var toNow = double.Exp2((_referenceMs - request.Now.ToUnixTimeMilliseconds()) / _halfLifeMs);
                for (int i = 0, added = 0; i < _topCount && added < budget; i++)
                {
                    var videoId = _topIds[i];
                    if (request.RecentlyServed.Contains(videoId)
                        || (request.BlockedCreators.Count > 0 && catalog.TryGetVideo(videoId, out var video) && request.BlockedCreators.Contains(video.CreatorId)))
                    {
                        continue;
                    }

                    into.Add(new Candidate(videoId, (float)(_topScores[i] * toNow), CandidateOrigin.Trending));
                    added++;
                }
            }
        }

        public double ScoreAt(long videoId, long atMs)
        {
            lock (_gate)
            {
                return _scores.TryGetValue(videoId, out var entry) ? entry.Score * double.Exp2((_referenceMs - atMs) / _halfLifeMs) : 0;
            }
        }

        private int IndexInTop(long videoId)
        {
            for (var i = 0; i < _topCount; i++)
            {
                if (_topIds[i] == videoId)
                {
                    return i;
                }
            }

            throw new InvalidOperationException("Trending top list lost a video it claims to hold.");
        }

        /// <summary>Sets the score at <paramref name="at"/> and bubbles it towards the head; ties keep the earlier entry first.</summary>
        private void MoveUp(int at, double score)
        {
            var videoId = _topIds[at];
            while (at > 0 && _topScores[at - 1] < score)
            {
                _topIds[at] = _topIds[at - 1];
                _topScores[at] = _topScores[at - 1];
                at--;
            }

            _topIds[at] = videoId;
            _topScores[at] = score;
        }

        private void Rescale(long newReferenceMs)
        {
            var factor = double.Exp2((_referenceMs - newReferenceMs) / _halfLifeMs);
            _referenceMs = newReferenceMs;
            List<long>? forget = null;
            foreach (var (videoId, entry) in _scores)
            {
                var score = entry.Score * factor;
                if (score < ForgetBelow && !entry.InTop)
                {
                    (forget ??= []).Add(videoId);
                }
                else
                {
                    System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrNullRef(_scores, videoId).Score = score;
                }
            }

            if (forget is not null)
            {
                foreach (var videoId in forget)
                {
                    _scores.Remove(videoId);
                }
            }

            for (var i = 0; i < _topCount; i++)
            {
                _topScores[i] *= factor;
            }
        }

        private struct Entry
        {
            public double Score;
            public bool InTop;
        }
    }
}
