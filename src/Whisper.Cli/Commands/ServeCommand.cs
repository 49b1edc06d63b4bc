using System.CommandLine;

using Microsoft.Extensions.Options;

using Whisper.Cli.Console;
using Whisper.Recommendation.Engine;
using Whisper.Server;
using Whisper.Storage;

namespace Whisper.Cli.Commands;

/// <summary><c>whisper serve</c>: runs the HTTP server on a store until Ctrl+C.</summary>
public static class ServeCommand
{
    public static Option<string> UrlsOption() => new("--urls")
    {
        Description = "Listening URL(s), ';'-separated. Loopback by default; port 0 picks a free port.",
        DefaultValueFactory = _ => new WhisperServerSettings().Urls,
    };

    public static Command Create(CliConsole console)
    {
        var store = new StoreSelection();
        var urls = UrlsOption();
        var keys = KeysCreateCommand.KeysPathOption();
        var verbose = new Option<bool>("--verbose") { Description = "Log one line per request (method, path, status, duration)." };
        var noFeed = new Option<bool>("--no-feed") { Description = "Do not host the recommendation engine (no GET /v1/feed, no training)." };
        var checkpoints = CheckpointsOption();
        var command = new Command("serve", "Serve the For You feed, ingest, catalog, health, OpenAPI and metrics over HTTP.") { urls, keys, verbose, noFeed, checkpoints };
        store.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var settings = Settings(parse.GetValue(urls)!, parse.GetValue(keys)!);
            var storeOptions = store.Resolve(parse);
            await using var opened = await WhisperStores.OpenAsync(storeOptions, ct).ConfigureAwait(false);
            await using var engine = parse.GetValue(noFeed)
                ? null
                : await EngineStartup.StartAsync(console, opened, EngineStartup.Options(parse.GetValue(checkpoints) ?? DefaultCheckpoints(storeOptions)), ct).ConfigureAwait(false);
            await using var app = Build(settings, opened, parse.GetValue(verbose), engine);
            await app.StartAsync(ct).ConfigureAwait(false);
            console.Out.WriteLine($"Serving {opened.Provider} store on {string.Join(", ", app.Urls)}; Ctrl+C stops.");
            try
            {
                await Task.Delay(Timeout.Infinite, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C is how serve ends; stop gracefully below.
            }

            await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }

    public static Option<string?> CheckpointsOption() => new("--checkpoints")
    {
        Description = "Folder for the trainer's checkpoints and the saved HNSW index (default: 'model' beside the SQLite file, or .whisper/model).",
    };

    /// <summary>'model' beside a SQLite store; .whisper/model for PostgreSQL.</summary>
    public static string DefaultCheckpoints(StoreOptions store)
    {
        ArgumentNullException.ThrowIfNull(store);
        var folder = store.Provider == StoreProvider.Sqlite && !store.ConnectionString.Contains("Data Source=", StringComparison.OrdinalIgnoreCase)
            ? Path.GetDirectoryName(Path.GetFullPath(store.ConnectionString))
            : null;
        return Path.Combine(folder ?? ".whisper", "model");
    }

    /// <summary>Server settings from CLI values; a missing keys file is a usage error naming the fix.</summary>
    public static WhisperServerSettings Settings(string urls, string keysPath)
    {
        if (!File.Exists(keysPath))
        {
            throw new UsageException($"no API keys file at {keysPath}; create one with 'whisper keys create --id <name> --role ingest --role read --keys {keysPath}'.");
        }

        return new WhisperServerSettings { Urls = urls, ApiKeysPath = keysPath };
    }

    /// <summary>Builds the app, turning settings problems into one usage line.</summary>
    public static Microsoft.AspNetCore.Builder.WebApplication Build(WhisperServerSettings settings, IWhisperStore store, bool verbose, RecommendationEngine? engine = null)
    {
        try
        {
            return WhisperServerApp.Build(settings, store, CliLogging.Configure(verbose), engine?.Feed, engine is null ? null : engine.Nudge);
        }
        catch (OptionsValidationException e)
        {
            throw new UsageException(string.Join(" ", e.Failures));
        }
    }
}
