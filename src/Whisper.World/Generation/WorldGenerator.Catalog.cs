using System.Globalization;

using Whisper.Core.Domain;

namespace Whisper.World.Generation;

/// <summary>Materialising catalog rows from the drawn model.</summary>
public sealed partial class WorldGenerator
{
    /// <summary>Builds every catalog row (≈60 MB of records for the default world). Deterministic; call as often as needed.</summary>
    public WorldCatalog BuildCatalog()
    {
        var countries = SyntheticGeography.Countries;
        var start = _options.Start;
        var users = new User[_users];
        for (var u = 0; u < _users; u++)
        {
            users[u] = new User(
                Id: u + 1,
                Handle: string.Create(CultureInfo.InvariantCulture, $"user{u + 1}"),
                DeclaredCountry: countries[_declared[u]].Code,
                SignupIp: SyntheticGeography.AddressIn(_ipCountry[u], _ipBits[u]),
                PhoneCountry: countries[_phone[u]].Code,
                ResidenceCountry: countries[_residence[u]].Code,
                CreatedAt: start.AddMilliseconds(_userCreatedMs[u]));
        }

        var creators = new Creator[_creators];
        for (var c = 0; c < _creators; c++)
        {
            var u = _creatorUser[c];
            creators[c] = new Creator(c + 1, u + 1, string.Create(CultureInfo.InvariantCulture, $"creator{c + 1}"),
                countries[_residence[u]].Code, users[u].CreatedAt);
        }

        var truth = Truth;
        var videos = new Video[_videos];
        Span<int> topics = stackalloc int[GroundTruth.MaxTopicsPerVideo];
        Span<float> weights = stackalloc float[GroundTruth.MaxTopicsPerVideo];
        for (var v = 0; v < _videos; v++)
        {
            var rng = WorldRandom.For(_options.Seed, HashtagTag, v);
            var n = truth.VideoTopics(v + 1, topics, weights);
            var tags = new List<string>(n + 2);
            for (var k = 0; k < n; k++)
            {
                tags.Add(TopicNames.Get(topics[k]));
            }

            if (rng.NextBool(0.5))
            {
                tags.Add(TopicNames.Noise[rng.NextInt(TopicNames.Noise.Length)]);
            }

            if (rng.NextBool(0.1))
            {
                var stray = TopicNames.Get(rng.NextInt(_topics)); // mislabelled: a topic the video is not about
                if (!tags.Contains(stray))
                {
                    tags.Add(stray);
                }
            }

            var c = truth.VideoCreatorsRaw[v];
            var home = countries[_residence[_creatorUser[c]]];
            var published = start.AddMilliseconds(_videoPublishedMs[v]);
            if (published < creators[c].CreatedAt)
            {
                published = creators[c].CreatedAt;
            }

            videos[v] = new Video(v + 1, c + 1, _videoDuration[v], published, tags, home.Language, home.Region);
        }

        var follows = new Follow[_followList.Length];
        var followers = new int[_creators];
        for (var u = 0; u < _users; u++)
        {
            for (var i = _followStart[u]; i < _followStart[u + 1]; i++)
            {
                follows[i] = new Follow(u + 1, _followList[i] + 1L, start.AddMilliseconds(_followCreatedMs[i]));
                followers[_followList[i]]++;
            }
        }

        var products = new Product[_productPrice.Length];
        for (var c = 0; c < _creators; c++)
        {
            for (var p = _creatorProductStart[c]; p < _creatorProductStart[c + 1]; p++)
            {
                var niche = TopicNames.Get(_creatorNiche[c * 2]);
                products[p] = new Product(p + 1, c + 1,
                    string.Create(CultureInfo.InvariantCulture, $"{niche} pick #{p - _creatorProductStart[c] + 1} by creator{c + 1}"),
                    _productPrice[p], countries[_productCountry[p]].Currency);
            }
        }

        return new WorldCatalog(users, creators, videos, follows, DrawLiveSessions(followers), products);
    }

    /// <summary>
    /// Creators go live with daily probability min(0.5, 0.03 · √popularity), at a local evening hour, for 15–120 minutes;
    /// peak viewers = followers · U(0.02, 0.10) + 20 · popularity · U(0.5, 1.5). A session still running at the end of the
    /// period has no end time (it is live).
    /// </summary>
    private List<LiveSession> DrawLiveSessions(int[] followers)
    {
        var sessions = new List<LiveSession>();
        var popularity = Truth.CreatorPopularityRaw;
        var endMs = _options.Days * MsPerDay;
        for (var day = 0; day < _options.Days; day++)
        {
            for (var c = 0; c < _creators; c++)
            {
                var rng = WorldRandom.For(_options.Seed, LiveTag, c, day);
                if (!rng.NextBool(Math.Min(0.5, 0.03 * Math.Sqrt(popularity[c]))))
                {
                    continue;
                }

                var offset = SyntheticGeography.Countries[_residence[_creatorUser[c]]].UtcOffsetHours;
                var localHour = 18 + rng.NextInt(6);
                var startMs = (day * MsPerDay) + (((((localHour - offset) % 24) + 24) % 24) * 3_600_000L) + rng.NextInt(3_600_000);
                var durationMs = (15 + rng.NextInt(106)) * 60_000L;
                var peak = (int)((followers[c] * (0.02 + (0.08 * rng.NextDouble()))) + (20 * popularity[c] * (0.5 + rng.NextDouble())));
                DateTimeOffset? ended = startMs + durationMs >= endMs ? null : _options.Start.AddMilliseconds(startMs + durationMs);
                sessions.Add(new LiveSession(sessions.Count + 1, c + 1, _options.Start.AddMilliseconds(startMs), ended, peak));
            }
        }

        return sessions;
    }
}
