using Spectre.Console;

using Whisper.World.Generation;

namespace Whisper.Cli.Console;

/// <summary>Prints what a world write produced.</summary>
public static class WorldSummaryTable
{
    public static void Write(CliConsole console, WorldSummary summary, string groundTruthPath)
    {
        var table = new Table().AddColumn("world").AddColumn(new TableColumn("count").RightAligned());
        Row(table, "users", summary.Users);
        Row(table, "creators", summary.Creators);
        Row(table, "videos", summary.Videos);
        Row(table, "follows", summary.Follows);
        Row(table, "live sessions", summary.LiveSessions);
        Row(table, "products", summary.Products);
        Row(table, "orders", summary.Orders);
        Row(table, "events generated", summary.EventsGenerated);
        Row(table, "events appended", summary.EventsAppended);
        Row(table, "events already stored", summary.EventDuplicates);
        console.Ansi.Write(table);
        console.Out.WriteLine($"generation {summary.GenerationTime.TotalSeconds:F1} s, writing {summary.WritingTime.TotalSeconds:F1} s; ground truth: {groundTruthPath}");
    }

    private static void Row(Table table, string name, long value) => table.AddRow(name, value.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
}
