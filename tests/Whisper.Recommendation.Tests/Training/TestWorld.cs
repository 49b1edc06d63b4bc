using Whisper.Core.Domain;
using Whisper.Recommendation.Catalog;
using Whisper.World.Generation;

namespace Whisper.Recommendation.Tests.Training;

/// <summary>A generated world held in memory: its catalog as a <see cref="CatalogView"/>, its events with sequences 1..n, its truth.</summary>
internal sealed record TestWorld(CatalogView Catalog, List<EngagementEvent> Events, GroundTruth Truth, WorldCatalog Rows)
{
    public static TestWorld Generate(WorldOptions options)
    {
        var generator = new WorldGenerator(options);
        var rows = generator.BuildCatalog();
        var view = CatalogView.FromRows(rows.Users, rows.Videos, rows.Follows);

        var events = new List<EngagementEvent>();
        foreach (var batch in generator.GenerateEvents())
        {
            events.AddRange(batch.Events);
        }

        return new TestWorld(view, events, generator.Truth, rows);
    }

    public List<LoggedEvent> Logged(int from = 0, int count = int.MaxValue)
    {
        var n = Math.Min(count, Events.Count - from);
        var logged = new List<LoggedEvent>(n);
        for (var i = from; i < from + n; i++)
        {
            logged.Add(new LoggedEvent(i + 1, Events[i]));
        }

        return logged;
    }
}
