using System.CommandLine;

using Whisper.Cli.Console;
using Whisper.Storage;
using Whisper.World.Generation;

namespace Whisper.Cli.Commands;

/// <summary><c>whisper world generate</c>: a synthetic world with ground truth, written into a store.</summary>
public static class WorldGenerateCommand
{
    public const string DefaultGroundTruthPath = ".whisper/ground-truth.wgt";

    public static Command Create(CliConsole console)
    {
        var store = new StoreSelection();
        var shape = new WorldShapeOptions();
        var groundTruth = new Option<string>("--ground-truth")
        {
            Description = "Where the ground-truth file is written.",
            DefaultValueFactory = _ => DefaultGroundTruthPath,
        };

        var command = new Command("generate", "Generate a synthetic world (users, creators, videos, follows, live sessions, shop, events) with known ground truth.");
        shape.AddTo(command);
        command.Add(groundTruth);
        store.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var options = shape.Resolve(parse);
            var storeOptions = store.Resolve(parse);
            var truthPath = parse.GetValue(groundTruth)!;
            await using var opened = await WhisperStores.OpenAsync(storeOptions, ct).ConfigureAwait(false);
            var summary = await WriteWorldAsync(console, options, opened, truthPath, ct).ConfigureAwait(false);
            WorldSummaryTable.Write(console, summary, truthPath);
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Writes the world with progress; shared with the demo.</summary>
    public static Task<WorldSummary> WriteWorldAsync(CliConsole console, WorldOptions options, IWhisperStore store, string groundTruthPath, CancellationToken ct)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(groundTruthPath));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }

        console.Out.WriteLine($"Generating world: {options.Users:N0} users, {options.Videos:N0} videos, {options.Days} days, seed {options.Seed} -> {store.Provider} store");
        return ProgressDisplay.RunAsync(console, progress => WorldWriter.WriteAsync(
            options,
            store,
            groundTruthPath,
            new WorldProgressAdapter(progress),
            ct));
    }
}
