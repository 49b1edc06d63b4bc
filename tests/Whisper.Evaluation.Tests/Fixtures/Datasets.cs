using Whisper.Core.Domain;
using Whisper.Evaluation.Data;
using Whisper.Recommendation.Catalog;

namespace Whisper.Evaluation.Tests.Fixtures;

/// <summary>Hand-made catalogs and event lists for split and metric tests.</summary>
internal static class Datasets
{
    public const int DurationMs = 10_000;

    public static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Videos 1..<paramref name="videos"/>, creator (id % 3) + 1, 10 s long.</summary>
    public static CatalogView Catalog(int videos)
    {
        var catalog = new CatalogView();
        for (var id = 1; id <= videos; id++)
        {
            catalog.AddOrUpdateVideo(new Video(id, (id % 3) + 1, DurationMs, Start.AddDays(-1), ["tag"], "en", "us"));
        }

        return catalog;
    }

    public static EngagementEvent Event(long user, long video, EventKind kind, double minutes, int watchMs = 0) =>
        new(Guid.NewGuid(), user, video, kind, Start.AddMinutes(minutes), watchMs);

    public static EngagementEvent LongView(long user, long video, double minutes) => Event(user, video, EventKind.View, minutes, DurationMs);

    public static EngagementEvent ShortView(long user, long video, double minutes) => Event(user, video, EventKind.View, minutes, DurationMs / 10);

    public static EvaluationDataset Build(CatalogView catalog, IEnumerable<EngagementEvent> events)
    {
        var builder = new EvaluationDatasetBuilder(catalog);
        foreach (var e in events)
        {
            builder.Add(e);
        }

        return builder.Build();
    }

    /// <summary>Seeded random events: impressions, short and long views, likes, skips, over <paramref name="days"/> days.</summary>
    public static List<EngagementEvent> Random(int users, int videos, int events, int days, int seed)
    {
        var random = new Random(seed);
        var list = new List<EngagementEvent>(events);
        EventKind[] kinds = [EventKind.Impression, EventKind.View, EventKind.View, EventKind.Like, EventKind.Skip, EventKind.Share, EventKind.Follow, EventKind.Comment];
        for (var i = 0; i < events; i++)
        {
            var kind = kinds[random.Next(kinds.Length)];
            var watch = kind is EventKind.View or EventKind.Skip ? random.Next(0, 2 * DurationMs) : 0;
            list.Add(Event(random.Next(1, users + 1), random.Next(1, videos + 1), kind, random.NextDouble() * days * 24 * 60, watch));
        }

        return list;
    }
}
