using Whisper.Cli.Console;
using Whisper.Recommendation.Engine;
using Whisper.Recommendation.Training;
using Whisper.Storage;

namespace Whisper.Cli.Commands;

/// <summary>Builds and starts the For You engine for <c>serve</c>, <c>demo</c> and the feed benchmarks, showing start-up progress.</summary>
public static class EngineStartup
{
    /// <summary>The default engine options with checkpoints (and the saved HNSW index) in <paramref name="checkpointDirectory"/>.</summary>
    public static RecommendationEngineOptions Options(string? checkpointDirectory) => new()
    {
        Trainer = new OnlineTrainerOptions { CheckpointDirectory = checkpointDirectory },
    };

    /// <summary>Creates the engine (catalog, trainer catch-up, observers, indexes) with progress on <paramref name="console"/>, then starts its loops.</summary>
    public static async Task<RecommendationEngine> StartAsync(CliConsole console, IWhisperStore store, RecommendationEngineOptions options, CancellationToken ct)
    {
        if (options.Trainer.CheckpointDirectory is { } directory)
        {
            Directory.CreateDirectory(directory);
        }

        var engine = await ProgressDisplay.RunAsync(console, progress =>
            RecommendationEngine.CreateAsync(store, options, new EngineProgressAdapter(progress), ct)).ConfigureAwait(false);
        await engine.StartAsync(ct).ConfigureAwait(false);
        return engine;
    }

    private sealed class EngineProgressAdapter(IProgress<WorkProgress> inner) : IProgress<EngineProgress>
    {
        public void Report(EngineProgress value) => inner.Report(new WorkProgress(value.Stage, value.Done, value.Total));
    }
}
