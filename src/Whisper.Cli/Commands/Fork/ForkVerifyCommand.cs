using System.CommandLine;

using Whisper.Cli.Console;
using Whisper.Fork.Records;
using Whisper.Fork.Scope;
using Whisper.Fork.Verify;
using Whisper.Storage;

namespace Whisper.Cli.Commands.Fork;

/// <summary>
/// <c>whisper fork verify</c>: re-hashes the repository against its signed manifest and, given both stores, compares
/// source (the rows that should travel) and target per table and partition. Exit 1 on any difference, naming it.
/// </summary>
public static class ForkVerifyCommand
{
    public static Command Create(CliConsole console)
    {
        var source = new StoreSelection("source");
        var target = new StoreSelection("target");
        source.Store.Required = false;
        target.Store.Required = false;
        var repo = ForkOptions.Repository();
        var keys = ForkOptions.Keys();
        var policy = ForkOptions.Policy();
        var sample = new Option<double>("--sample") { Description = "Percentage of chunks to check (quick pass), (0, 100].", DefaultValueFactory = _ => 100 };
        var noReadData = new Option<bool>("--no-read-data") { Description = "Compare stored-file hashes only; do not decrypt (no master key needed)." };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON." };
        var command = new Command("verify", "Verify an export (signature, Merkle root, every chunk's hashes) and compare source and target stores; exit 1 on any difference.")
        {
            repo, keys, policy, sample, noReadData, json,
        };
        source.AddTo(command);
        target.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var percent = parse.GetValue(sample);
            if (!(percent > 0 && percent <= 100))
            {
                throw new UsageException($"--sample {percent} is not a percentage in (0, 100]; e.g. --sample 5 for a quick pass.");
            }

            var compare = parse.GetValue(source.Store) is not null;
            if (compare != (parse.GetValue(target.Store) is not null))
            {
                throw new UsageException("comparing stores needs both --source and --target (or neither, to check the repository only).");
            }

            var keyProvider = ForkOptions.OpenKeys(parse.GetValue(keys)!);
            return await ForkErrors.RunAsync(console, async () =>
            {
                IWhisperStore? sourceStore = null, targetStore = null;
                try
                {
                    IExportScope? scope = null;
                    if (compare)
                    {
                        var (classifier, _) = ForkOptions.OpenPolicy(parse.GetValue(policy)!);
                        sourceStore = await ForkOptions.OpenStoreAsync(source, parse, ct).ConfigureAwait(false);
                        targetStore = await ForkOptions.OpenStoreAsync(target, parse, ct).ConfigureAwait(false);
                        scope = await ResidentSets.BuildAsync(sourceStore, classifier, null, ct).ConfigureAwait(false);
                    }

                    var options = new VerifyOptions
                    {
                        SamplePercent = percent,
                        ReadData = !parse.GetValue(noReadData),
                        Source = sourceStore,
                        Target = targetStore,
                        Scope = scope,
                    };
                    var report = await ProgressDisplay.RunAsync(console, progress =>
                        new ForkVerifier(keyProvider).VerifyAsync(parse.GetValue(repo)!, options, new ForkProgressAdapter(progress), ct)).ConfigureAwait(false);
                    if (parse.GetValue(json))
                    {
                        console.Out.WriteLine(System.Text.Json.JsonSerializer.Serialize(report, VerifyReportJson.Default.VerifyReport));
                    }
                    else
                    {
                        Print(console, report);
                    }

                    return report.Ok ? ExitCodes.Ok : ExitCodes.Failed;
                }
                finally
                {
                    if (sourceStore is not null)
                    {
                        await sourceStore.DisposeAsync().ConfigureAwait(false);
                    }

                    if (targetStore is not null)
                    {
                        await targetStore.DisposeAsync().ConfigureAwait(false);
                    }
                }
            }).ConfigureAwait(false);
        });
        return command;
    }

    private static void Print(CliConsole console, VerifyReport report)
    {
        var how = report.ReadData ? "decrypted and re-hashed" : "stored hashes compared";
        console.Out.WriteLine($"export {report.ExportId:D}: {report.ChunksChecked:N0} of {report.ChunksInManifest:N0} chunks checked ({how}), {report.ChunkProblems.Count} refused");
        foreach (var problem in report.ChunkProblems)
        {
            console.Out.WriteLine($"  chunk #{problem.Index} {problem.ChunkId}: {problem.Problem}");
        }

        foreach (var problem in report.ManifestProblems)
        {
            console.Out.WriteLine($"  manifest: {problem}");
        }

        foreach (var table in report.Tables)
        {
            var verdict = table.Matches ? "match" : $"DIFFER in {table.DifferingPartitions.Count} partitions, {table.DifferenceCount:N0} rows";
            console.Out.WriteLine($"  {ForkTables.NameOf(table.Table),-14} source {table.SourceRecords,12:N0}  target {table.TargetRecords,12:N0}  {verdict}");
            foreach (var d in table.Differences)
            {
                console.Out.WriteLine($"      {d.Kind,-8} {d.Key}");
            }

            if (table.DifferenceCount > table.Differences.Count)
            {
                console.Out.WriteLine($"      … and {table.DifferenceCount - table.Differences.Count:N0} more");
            }
        }

        console.Out.WriteLine(report.Ok ? "verify: OK" : "verify: FAILED");
    }
}
