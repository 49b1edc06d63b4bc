using System.CommandLine;

using Whisper.Cli.Console;
using Whisper.Fork.Import;

namespace Whisper.Cli.Commands.Fork;

/// <summary><c>whisper fork import</c>: applies a proven export to the target region's store; resumable and idempotent.</summary>
public static class ForkImportCommand
{
    public static Command Create(CliConsole console)
    {
        var target = new StoreSelection("target");
        var repo = ForkOptions.Repository();
        var keys = ForkOptions.Keys();
        var models = new Option<string?>("--models") { Description = "Model directory: carried checkpoints are restored into it (partial divestiture), or the model retrained from scratch is written there (full fork)." };
        var parallel = new Option<int>("--parallel") { Description = "Chunks decrypted ahead of the applier.", DefaultValueFactory = _ => Environment.ProcessorCount };
        var command = new Command("import", "Import an export into the target store: every chunk proven against the signed manifest first. Re-run to resume.") { repo, keys, models, parallel };
        target.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var keyProvider = ForkOptions.OpenKeys(parse.GetValue(keys)!);
            return await ForkErrors.RunAsync(console, async () =>
            {
                await using var store = await ForkOptions.OpenStoreAsync(target, parse, ct).ConfigureAwait(false);
                var result = await ProgressDisplay.RunAsync(console, progress =>
                    new ForkImporter(store, keyProvider)
                    {
                        ModelDirectory = parse.GetValue(models),
                        Parallelism = ForkExportCommand.CheckedRange(parse.GetValue(parallel), 1, 256, "--parallel"),
                    }.ImportAsync(parse.GetValue(repo)!, new ForkProgressAdapter(progress), ct)).ConfigureAwait(false);
                console.Out.WriteLine($"import of export {result.ExportId:D}: {result.ChunksApplied:N0} chunks applied now ({result.Records:N0} records, {result.Bytes / 1e6:N1} MB), {result.ChunksAlreadyApplied:N0} already applied by an earlier run" +
                    (result.ModelFiles.Count > 0 ? $"; models restored: {string.Join(", ", result.ModelFiles)}" : string.Empty) +
                    (result.RetrainedAtPosition is { } position ? $"; model retrained from scratch over the fork's log (position {position:N0})" : string.Empty));
                return ExitCodes.Ok;
            }).ConfigureAwait(false);
        });
        return command;
    }
}
