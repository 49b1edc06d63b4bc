namespace Whisper.World.Generation;

/// <summary>Drawing the hidden model: topics, trends, creators, users, videos, follows, products (docs/world.md, "Model").</summary>
public sealed partial class WorldGenerator
{
    /// <summary>Conflict kinds, in the order of <see cref="ConflictKind"/>.</summary>
    private const int ConflictKinds = 4;

    private float[] DrawTopics(out AliasTable topicPopularity)
    {
        var rng = WorldRandom.For(_options.Seed, TopicsTag);
        var vectors = new float[_topics * _dims];
        for (var t = 0; t < _topics; t++)
        {
            var v = vectors.AsSpan(t * _dims, _dims);
            for (var d = 0; d < _dims; d++)
            {
                v[d] = (float)rng.NextGaussian();
            }

            Normalise(v);
        }

        // Topic popularity is Zipf(0.8) over a random rank order: a few topics are broad, most are niches.
        var ranks = Permutation(ref rng, _topics);
        var weights = new double[_topics];
        for (var t = 0; t < _topics; t++)
        {
            weights[t] = 1.0 / Math.Pow(ranks[t] + 1, 0.8);
        }

        topicPopularity = new AliasTable(weights);
        return vectors;
    }

    private (TrendCurve[] Trends, float[] Levels) DrawTrends()
    {
        var rng = WorldRandom.For(_options.Seed, TrendsTag);
        var order = Permutation(ref rng, _topics);
        var trends = new TrendCurve[_options.EffectiveTrendingTopics];
        for (var i = 0; i < trends.Length; i++)
        {
            trends[i] = new TrendCurve(
                Topic: Array.IndexOf(order, i),
                PeakDay: (float)(rng.NextDouble() * _options.Days),
                WidthDays: (float)(1.5 + (rng.NextDouble() * 2.5)),
                Amplitude: (float)(0.6 + (rng.NextDouble() * 0.8)));
        }

        var levels = new float[_options.Days * _topics];
        for (var day = 0; day < _options.Days; day++)
        {
            foreach (var trend in trends)
            {
                levels[(day * _topics) + trend.Topic] += (float)trend.LevelAt(day + 0.5);
            }
        }

        return (trends, levels);
    }

    private float[] DrawCreators(out int[] creatorUser, out short[] niche, out float[] logPopularity)
    {
        var rng = WorldRandom.For(_options.Seed, CreatorsTag);
        var ranks = Permutation(ref rng, _creators);
        var popularity = new float[_creators];
        double sum = 0;
        for (var c = 0; c < _creators; c++)
        {
            var p = 1.0 / Math.Pow(ranks[c] + 1, 1.1); // Zipf(1.1): the top 1% of creators hold about a third of the weight
            popularity[c] = (float)p;
            sum += p;
        }

        var mean = sum / _creators;
        creatorUser = new int[_creators];
        niche = new short[_creators * 2];
        logPopularity = new float[_creators];
        for (var c = 0; c < _creators; c++)
        {
            popularity[c] = (float)(popularity[c] / mean);
            logPopularity[c] = (float)Math.Clamp(Math.Log(popularity[c]), -3, 3);
            creatorUser[c] = (int)((long)c * _users / _creators); // distinct users, spread over the id range
            niche[c * 2] = (short)_topicPopularity.Sample(ref rng);
            niche[(c * 2) + 1] = (short)_topicPopularity.Sample(ref rng);
        }

        return popularity;
    }

    private (int[][] Lists, AliasTable[] Tables) IndexCreatorsByTopic(float[] popularity)
    {
        var lists = new List<int>[_topics];
        for (var t = 0; t < _topics; t++)
        {
            lists[t] = [];
        }

        for (var c = 0; c < _creators; c++)
        {
            lists[_creatorNiche[c * 2]].Add(c);
        }

        return BuildTopicTables(lists, c => popularity[c]);
    }

    private (int[][] Lists, AliasTable[] Tables) IndexVideosByTopic(short[] topicIds, float[] topicWeights, double[] videoWeights)
    {
        var lists = new List<int>[_topics];
        var weights = new List<double>[_topics];
        for (var t = 0; t < _topics; t++)
        {
            lists[t] = [];
            weights[t] = [];
        }

        for (var v = 0; v < _videos; v++)
        {
            for (var k = 0; k < GroundTruth.MaxTopicsPerVideo; k++)
            {
                var t = topicIds[(v * GroundTruth.MaxTopicsPerVideo) + k];
                if (t < 0)
                {
                    break;
                }

                lists[t].Add(v);
                weights[t].Add(Math.Sqrt(videoWeights[v]) * topicWeights[(v * GroundTruth.MaxTopicsPerVideo) + k]);
            }
        }

        var resultLists = new int[_topics][];
        var tables = new AliasTable[_topics];
        for (var t = 0; t < _topics; t++)
        {
            resultLists[t] = [.. lists[t]];
            tables[t] = new AliasTable(weights[t].Count > 0 ? [.. weights[t]] : [1.0]);
        }

        return (resultLists, tables);
    }

    private (int[][] Lists, AliasTable[] Tables) BuildTopicTables(List<int>[] lists, Func<int, double> weight)
    {
        var resultLists = new int[_topics][];
        var tables = new AliasTable[_topics];
        for (var t = 0; t < _topics; t++)
        {
            resultLists[t] = [.. lists[t]];
            var w = new double[Math.Max(1, lists[t].Count)];
            for (var i = 0; i < lists[t].Count; i++)
            {
                w[i] = weight(lists[t][i]);
            }

            tables[t] = new AliasTable(lists[t].Count > 0 ? w : [1.0]);
        }

        return (resultLists, tables);
    }

    private void DrawUsers(float[] topicVectors, float[] tastes, float[] activity)
    {
        var countries = SyntheticGeography.Countries;
        var regionTables = new List<(string Region, double Share, AliasTable Countries, int[] Index)>();
        foreach (var (region, share) in SyntheticGeography.NonUsRegionShares)
        {
            var index = new List<int>();
            var weights = new List<double>();
            for (var i = 0; i < countries.Count; i++)
            {
                if (countries[i].Region == region && countries[i].Weight > 0)
                {
                    index.Add(i);
                    weights.Add(countries[i].Weight);
                }
            }

            regionTables.Add((region, share, new AliasTable([.. weights]), [.. index]));
        }

        var regionPick = new AliasTable(regionTables.ConvertAll(r => r.Share).ToArray());
        var drawable = new List<int>();
        for (var i = 0; i < countries.Count; i++)
        {
            if (countries[i].Weight > 0)
            {
                drawable.Add(i);
            }
        }

        var us = SyntheticGeography.IndexOf("US");
        var nl = SyntheticGeography.IndexOf("NL");
        Span<double> logits = stackalloc double[_topics];
        for (var u = 0; u < _users; u++)
        {
            var rng = WorldRandom.For(_options.Seed, UsersTag, u);
            int home;
            if (rng.NextBool(_options.UsShare))
            {
                home = us;
            }
            else
            {
                var r = regionTables[regionPick.Sample(ref rng)];
                home = r.Index[r.Countries.Sample(ref rng)];
            }

            _declared[u] = _ipCountry[u] = _phone[u] = _residence[u] = (byte)home;
            if (rng.NextBool(_options.ResidencyConflictRate))
            {
                var other = drawable[rng.NextInt(drawable.Count - 1)];
                if (other == home)
                {
                    other = drawable[^1]; // draw from the list without home: its slot takes the last entry
                }

                switch ((ConflictKind)rng.NextInt(ConflictKinds))
                {
                    case ConflictKind.Traveller:
                        _ipCountry[u] = (byte)other;
                        break;
                    case ConflictKind.Vpn:
                        _ipCountry[u] = (byte)(home == us ? nl : us);
                        break;
                    case ConflictKind.ForeignSim:
                        _phone[u] = (byte)other;
                        break;
                    default:
                        _declared[u] = (byte)other; // expat: declared the country of origin, lives at home
                        break;
                }
            }

            _ipBits[u] = rng.NextUInt64();
            _userCreatedMs[u] = -(long)(rng.NextDouble() * 730 * MsPerDay) - MsPerDay;
            activity[u] = (float)(_options.SessionsPerUserPerDay * Math.Exp((0.8 * rng.NextGaussian()) - 0.32));

            // Taste: 1–3 favourite topics plus noise, unit length.
            var taste = tastes.AsSpan(u * _dims, _dims);
            var favourites = 1 + (rng.NextBool(0.6) ? 1 : 0) + (rng.NextBool(0.3) ? 1 : 0);
            for (var f = 0; f < favourites; f++)
            {
                var topic = topicVectors.AsSpan(_topicPopularity.Sample(ref rng) * _dims, _dims);
                var w = (float)(1.0 / (f + 1));
                for (var d = 0; d < _dims; d++)
                {
                    taste[d] += w * topic[d];
                }
            }

            for (var d = 0; d < _dims; d++)
            {
                taste[d] += (float)(0.35 * rng.NextGaussian() / Math.Sqrt(_dims));
            }

            Normalise(taste);

            // Topic preference for the topic-match source: softmax(4 · taste·topic), stored cumulatively.
            double total = 0;
            for (var t = 0; t < _topics; t++)
            {
                logits[t] = Math.Exp(4.0 * GroundTruth.Dot(taste, topicVectors.AsSpan(t * _dims, _dims)));
                total += logits[t];
            }

            double running = 0;
            var cdf = _userTopicCdf.AsSpan(u * _topics, _topics);
            for (var t = 0; t < _topics; t++)
            {
                running += logits[t];
                cdf[t] = (float)(running / total);
            }

            cdf[^1] = 1f;
        }
    }

    private void DrawVideos(float[] popularity, float[] topicVectors, float[] vectors, short[] topicIds, float[] topicWeights, int[] creators)
    {
        // Prolific creators are the popular ones: upload volume ∝ popularity^0.6.
        var uploads = new AliasTable(Array.ConvertAll(popularity, p => Math.Pow(p, 0.6)));
        ReadOnlySpan<float> weights1 = [1f];
        ReadOnlySpan<float> weights2 = [0.7f, 0.3f];
        ReadOnlySpan<float> weights3 = [0.6f, 0.25f, 0.15f];
        Span<short> topics = stackalloc short[GroundTruth.MaxTopicsPerVideo];
        var windowMs = _options.Days * MsPerDay;
        for (var v = 0; v < _videos; v++)
        {
            var rng = WorldRandom.For(_options.Seed, VideosTag, v);
            var c = uploads.Sample(ref rng);
            creators[v] = c;
            var r = rng.NextDouble();
            var count = r < 0.5 ? 1 : r < 0.85 ? 2 : 3;
            var first = rng.NextDouble();
            topics[0] = first < 0.6 ? _creatorNiche[c * 2] : first < 0.85 ? _creatorNiche[(c * 2) + 1] : (short)_topicPopularity.Sample(ref rng);
            var n = 1;
            for (var attempt = 0; n < count && attempt < 8; attempt++)
            {
                var t = (short)_topicPopularity.Sample(ref rng);
                if (topics[..n].IndexOf(t) < 0)
                {
                    topics[n++] = t;
                }
            }

            var w = n == 1 ? weights1 : n == 2 ? weights2 : weights3;
            var vector = vectors.AsSpan(v * _dims, _dims);
            for (var k = 0; k < GroundTruth.MaxTopicsPerVideo; k++)
            {
                var slot = (v * GroundTruth.MaxTopicsPerVideo) + k;
                topicIds[slot] = k < n ? topics[k] : (short)-1;
                topicWeights[slot] = k < n ? w[k] : 0f;
                if (k < n)
                {
                    var tv = topicVectors.AsSpan(topics[k] * _dims, _dims);
                    for (var d = 0; d < _dims; d++)
                    {
                        vector[d] += w[k] * tv[d];
                    }
                }
            }

            Normalise(vector);
            _videoDuration[v] = (int)Math.Clamp(Math.Exp(Math.Log(20_000) + (0.6 * rng.NextGaussian())), 3_000, 180_000);
            _videoPublishedMs[v] = rng.NextBool(0.7)
                ? -(long)(rng.NextDouble() * 90 * MsPerDay) - 1
                : (long)(rng.NextDouble() * windowMs);
        }
    }

    private (int[] Start, int[] List, long[] CreatedMs) DrawInitialFollows()
    {
        var start = new int[_users + 1];
        var list = new List<int>(_users * 6);
        var created = new List<long>(_users * 6);
        Span<int> chosen = stackalloc int[64];
        for (var u = 0; u < _users; u++)
        {
            var rng = WorldRandom.For(_options.Seed, FollowsTag, u);
            var want = Math.Min(chosen.Length, rng.NextPoisson(_options.InitialFollowsPerUser));
            var n = 0;
            for (var attempt = 0; n < want && attempt < want * 4; attempt++)
            {
                int c;
                if (rng.NextBool(0.5))
                {
                    c = _creatorPopularity.Sample(ref rng);
                }
                else
                {
                    var t = SampleTopic(ref rng, u);
                    var pool = _creatorsOfTopicList[t];
                    if (pool.Length == 0)
                    {
                        continue;
                    }

                    c = pool[_creatorsOfTopic[t].Sample(ref rng)];
                }

                if (_creatorUser[c] == u || chosen[..n].IndexOf(c) >= 0)
                {
                    continue;
                }

                chosen[n++] = c;
            }

            chosen[..n].Sort();
            for (var i = 0; i < n; i++)
            {
                list.Add(chosen[i]);
                created.Add(_userCreatedMs[u] + (long)(rng.NextDouble() * -_userCreatedMs[u]));
            }

            start[u + 1] = list.Count;
        }

        return (start, [.. list], [.. created]);
    }

    private (int[] Start, long[] Price, byte[] Country) DrawProducts()
    {
        var start = new int[_creators + 1];
        var prices = new List<long>();
        var country = new List<byte>();
        for (var c = 0; c < _creators; c++)
        {
            var rng = WorldRandom.For(_options.Seed, ProductsTag, c);
            if (rng.NextBool(_options.SellerShare))
            {
                var home = _residence[_creatorUser[c]];
                var count = 1 + rng.NextInt(4);
                for (var i = 0; i < count; i++)
                {
                    var usdCents = Math.Clamp(Math.Exp(Math.Log(1_999) + (0.7 * rng.NextGaussian())), 99, 99_999);
                    prices.Add(Math.Max(1, (long)Math.Round(usdCents * SyntheticGeography.Countries[home].MinorPerUsd / 100.0)));
                    country.Add(home);
                }
            }

            start[c + 1] = prices.Count;
        }

        return (start, [.. prices], [.. country]);
    }

    private int SampleTopic(ref WorldRandom rng, int user)
    {
        var cdf = _userTopicCdf.AsSpan(user * _topics, _topics);
        var x = (float)rng.NextDouble();
        int lo = 0, hi = cdf.Length - 1;
        while (lo < hi)
        {
            var mid = (lo + hi) >> 1;
            if (cdf[mid] > x)
            {
                hi = mid;
            }
            else
            {
                lo = mid + 1;
            }
        }

        return lo;
    }

    private static int[] Permutation(ref WorldRandom rng, int n)
    {
        var p = new int[n];
        for (var i = 0; i < n; i++)
        {
            p[i] = i;
        }

        for (var i = n - 1; i > 0; i--)
        {
            var j = rng.NextInt(i + 1);
            (p[i], p[j]) = (p[j], p[i]);
        }

        return p;
    }

    /// <summary>How a conflicting user's signals disagree; see docs/world.md, "Residency signals".</summary>
    private enum ConflictKind
    {
        Traveller,
        Vpn,
        ForeignSim,
        Expat,
    }
}
