using Whisper.Core.Domain;
using Whisper.Recommendation.Candidates;
using Whisper.Recommendation.Catalog;

namespace Whisper.Recommendation.Tests.Candidates;

/// <summary>Shared fixtures: a fixed clock origin, requests and catalog rows.</summary>
internal static class Requests
{
    public static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public static FeedRequest For(long userId, DateTimeOffset? now = null, float[]? vector = null, string region = Regions.Us) =>
        new(userId, region, now ?? T0, 20) { UserVector = vector ?? [] };

    public static void AddVideo(this CatalogView catalog, long videoId, long creatorId, DateTimeOffset createdAt) =>
        catalog.AddOrUpdateVideo(new Video(videoId, creatorId, 15_000, createdAt, [], "en", Regions.Us));

    public static void AddUser(this CatalogView catalog, long userId, string country) =>
        catalog.AddOrUpdateUser(new User(userId, $"u{userId}", country, "10.0.0.1", country, country, T0.AddYears(-1)));

    public static List<Candidate> Collect(this ICandidateSource source, FeedRequest request, int budget)
    {
        var into = new List<Candidate>();
        source.Collect(request, budget, into);
        return into;
    }

    public static long[] Ids(this List<Candidate> candidates) => [.. candidates.Select(c => c.VideoId)];
}
