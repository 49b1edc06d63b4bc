using System.Diagnostics;
using System.Globalization;

using Spectre.Console;

using Whisper.Cli.Commands;
using Whisper.Cli.Console;
using Whisper.Core.Domain;
using Whisper.Cutover.Simulation;
using Whisper.Parity.Gate;
using Whisper.Recommendation.Engine;
using Whisper.Server.Client;
using Whisper.Server.Feed;
using Whisper.Storage;

namespace Whisper.Cli.Demo;

/// <summary>
/// The main job, end to end on the embedded defaults: world → store → API key → server → self-check through
/// the real HTTP API → where to look. Re-running resumes an interrupted world write (ingest is idempotent).
/// </summary>
public static class DemoRunner
{
    /// <summary>The user whose For You page the demo fetches and prints (every world has user 1).</summary>
    public const long SampleUser = 1;

    public static async Task<DemoResult> RunAsync(DemoOptions options, CliConsole console, CancellationToken ct)
    {
        Directory.CreateDirectory(options.DataDirectory);
        console.Ansi.Write(new Rule("[bold]Whisper demo[/]").LeftJustified());

        await using var store = await WhisperStores.OpenAsync(new StoreOptions(StoreProvider.Sqlite, options.StorePath), ct).ConfigureAwait(false);
        var summary = await WorldGenerateCommand.WriteWorldAsync(console, options.World, store, options.GroundTruthPath, ct).ConfigureAwait(false);
        WorldSummaryTable.Write(console, summary, options.GroundTruthPath);

        var key = await DemoKey.EnsureAsync(options.KeysPath, options.DemoKeyPath, ct).ConfigureAwait(false);
        var settings = ServeCommand.Settings(options.Urls, options.KeysPath) with { ParityResultsDirectory = options.ParityResultsPath };
        var engineStarted = Stopwatch.StartNew();
        await using var engine = await EngineStartup.StartAsync(console, store, EngineStartup.Options(options.CheckpointDirectory), ct).ConfigureAwait(false);
        console.Out.WriteLine($"Engine ready in {engineStarted.Elapsed.TotalSeconds:F1} s (model at log position {engine.Trainer.Position:N0}, HNSW index {engine.AnnSource}).");
        await using var app = ServeCommand.Build(settings, store, verbose: false, engine);
        await app.StartAsync(ct).ConfigureAwait(false);
        var baseUrl = app.Urls.First().TrimEnd('/');

        var check = await SelfCheckAsync(baseUrl, key, engine, options.World.Start.AddDays(options.World.Days), ct).ConfigureAwait(false);
        var counts = await store.Catalog.CountAsync(ct).ConfigureAwait(false);
        var head = await store.Events.GetHeadAsync(ct).ConfigureAwait(false);
        PrintFeed(console, check.Feed);

        var fork = await DemoFork.RunAsync(options, store, console, ct).ConfigureAwait(false);
        var parity = await DemoParity.RunAsync(options, console, ct).ConfigureAwait(false);
        var cutover = await DemoParity.SimulateCutoverAsync(console, ct).ConfigureAwait(false);
        PrintWhereToLook(console, options, baseUrl, check, counts, head);

        var result = new DemoResult(baseUrl, counts, head, check, fork, parity.Verdict, cutover);
        if (!options.ExitAfterStart)
        {
            console.Out.WriteLine("Serving until Ctrl+C.");
            try
            {
                await Task.Delay(Timeout.Infinite, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C ends the demo; the store keeps everything for the next run.
            }
        }

        await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        return result;
    }

    /// <summary>
    /// Fetches a For You page, reads a video and ingests one view through the real HTTP API, as a client would. The view
    /// happens at the end of the world's (simulated) time, not the wall clock: the trainer expires embedding rows by event
    /// time, so one view dated months after the world would expire every row at once and leave the model empty.
    /// </summary>
    private static async Task<SelfCheck> SelfCheckAsync(string baseUrl, string key, RecommendationEngine engine, DateTimeOffset worldEnd, CancellationToken ct)
    {
        using var http = new HttpClient { BaseAddress = new Uri(baseUrl + "/") };
        var client = new WhisperClient(http, key);
        var feed = await client.GetFeedAsync(SampleUser, 10, cancellationToken: ct).ConfigureAwait(false);

        // The page's impressions are written in the background; flush them so the view below is the log's last event.
        await engine.FlushImpressionsAsync(ct).ConfigureAwait(false);
        var video = await client.GetVideoAsync(1, ct).ConfigureAwait(false)
            ?? throw new InvalidOperationException("The demo world has no video 1; the store looks incomplete.");
        var view = new EngagementEvent(Guid.NewGuid(), 1, video.Id, EventKind.View, worldEnd, Math.Min(video.DurationMs, 5_000));
        var appended = await client.IngestAsync([view], ct).ConfigureAwait(false);
        return new SelfCheck(video.Id, appended.LastSequence, feed);
    }

    private static void PrintFeed(CliConsole console, FeedResponse feed)
    {
        var table = new Table().Title(Markup.Escape($"For You: user {SampleUser} (ranker {feed.RankerVersion}, model {feed.ModelVersion}{(feed.ColdStart ? ", cold start" : string.Empty)})"))
            .AddColumn("#").AddColumn("video").AddColumn("creator").AddColumn("source").AddColumn("score");
        foreach (var item in feed.Items)
        {
            table.AddRow(
                (item.Position + 1).ToString(CultureInfo.InvariantCulture),
                item.VideoId.ToString(CultureInfo.InvariantCulture),
                item.CreatorId.ToString(CultureInfo.InvariantCulture),
                item.Origin,
                item.Score.ToString("F3", CultureInfo.InvariantCulture));
        }

        console.Ansi.Write(table);
    }

    private static void PrintWhereToLook(CliConsole console, DemoOptions options, string baseUrl, SelfCheck check, CatalogCounts counts, long head)
    {
        var auth = $"-H \"Authorization: Bearer $(cat {options.DemoKeyPath})\"";
        var grid = new Grid().AddColumn().AddColumn();
        grid.AddRow("store", Markup.Escape($"{Path.GetFullPath(options.StorePath)} ({counts.Users:N0} users, {counts.Videos:N0} videos, log head {head:N0})"));
        grid.AddRow("self-check", Markup.Escape($"fetched user {SampleUser}'s For You page ({check.Feed.Items.Count} videos), read video {check.VideoId} and ingested a view at sequence {check.IngestedSequence:N0} over HTTP"));
        grid.AddRow("feed", Markup.Escape($"curl {auth} \"{baseUrl}/v1/feed?user={SampleUser}&count=10\""));
        grid.AddRow("health", Markup.Escape($"{baseUrl}/health/ready"));
        grid.AddRow("OpenAPI", Markup.Escape($"{baseUrl}/openapi/v1.json"));
        grid.AddRow("API key", Markup.Escape($"{options.DemoKeyPath} (owner-only file; keys file {options.KeysPath} holds only hashes)"));
        grid.AddRow("try", Markup.Escape($"curl {auth} {baseUrl}/v1/videos?limit=3"));
        grid.AddRow(string.Empty, Markup.Escape($"curl {auth} \"{baseUrl}/v1/events?after=0&limit=5\""));
        grid.AddRow("metrics", Markup.Escape($"curl {auth} {baseUrl}/metrics"));
        grid.AddRow("fork", Markup.Escape($"whisper fork verify --repo {options.ForkRepositoryPath} --keys {options.ForkKeysPath} --source {options.StorePath} --target {options.ForkStorePath}"));
        grid.AddRow("parity", Markup.Escape($"curl {auth} {baseUrl}/v1/parity/report (HTML; /v1/parity/verdict is what the cutover gateway reads)"));
        grid.AddRow("cutover", Markup.Escape("whisper cutover simulate --fail-after-step 2 (or plan|status|advance|rollback on a real plan)"));
        console.Ansi.Write(new Panel(grid).Header("where to look").Expand());
    }
}

/// <summary>What the demo's self-check did through the HTTP API.</summary>
public sealed record SelfCheck(long VideoId, long IngestedSequence, FeedResponse Feed);

/// <summary>What the demo left running (or ran, with <see cref="DemoOptions.ExitAfterStart"/>).</summary>
public sealed record DemoResult(string BaseUrl, CatalogCounts Counts, long LogHead, SelfCheck Check, DemoForkResult Fork, GateVerdict Parity, IReadOnlyList<SimulationEvent> Cutover);
