using System.CommandLine;

using Whisper.Cli.Console;
using Whisper.Fork.Scope;
using Whisper.Fork.Sync;

namespace Whisper.Cli.Commands.Fork;

/// <summary><c>whisper fork sync</c>: CDC from the source to the fork after the bulk import, until the freeze at cutover.</summary>
public static class ForkSyncCommand
{
    public static Command Create(CliConsole console)
    {
        var source = new StoreSelection("source");
        var target = new StoreSelection("target");
        var repo = ForkOptions.Repository();
        var keys = ForkOptions.Keys();
        var policy = ForkOptions.Policy();
        var follow = new Option<bool>("--follow") { Description = "Keep tailing the source until Ctrl+C (polls when caught up)." };
        var freeze = new Option<bool>("--freeze") { Description = "Apply everything up to the source's head, then freeze: the fork stops following (cutover)." };
        var poll = new Option<int>("--poll-ms") { Description = "With --follow: pause between polls once caught up.", DefaultValueFactory = _ => 500 };
        var batch = new Option<int>("--batch") { Description = "Source events read, applied and checkpointed per batch.", DefaultValueFactory = _ => 5_000 };
        var command = new Command("sync", "Tail the source's event log and catalog changes from the export's snapshot and apply them to the fork, idempotently.")
        {
            repo, keys, policy, follow, freeze, poll, batch,
        };
        source.AddTo(command);
        target.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            if (parse.GetValue(follow) && parse.GetValue(freeze))
            {
                throw new UsageException("--follow and --freeze exclude each other: follow until Ctrl+C, then run once more with --freeze at cutover.");
            }

            var pollMs = ForkExportCommand.CheckedRange(parse.GetValue(poll), 10, 60_000, "--poll-ms");
            var batchSize = ForkExportCommand.CheckedRange(parse.GetValue(batch), 1, 100_000, "--batch");
            var keyProvider = ForkOptions.OpenKeys(parse.GetValue(keys)!);
            var (classifier, _) = ForkOptions.OpenPolicy(parse.GetValue(policy)!);
            return await ForkErrors.RunAsync(console, async () =>
            {
                await using var sourceStore = await ForkOptions.OpenStoreAsync(source, parse, ct).ConfigureAwait(false);
                await using var targetStore = await ForkOptions.OpenStoreAsync(target, parse, ct).ConfigureAwait(false);
                var result = await ProgressDisplay.RunAsync(console, async progress =>
                {
                    var adapter = new ForkProgressAdapter(progress);
                    var scope = await ResidentSets.BuildAsync(sourceStore, classifier, adapter, ct).ConfigureAwait(false);
                    var sync = new ForkSync(sourceStore, targetStore, keyProvider, scope) { EventBatch = batchSize };
                    return parse.GetValue(follow)
                        ? await sync.FollowAsync(parse.GetValue(repo)!, TimeSpan.FromMilliseconds(pollMs), adapter, ct).ConfigureAwait(false)
                        : await sync.SyncAsync(parse.GetValue(repo)!, parse.GetValue(freeze), adapter, ct).ConfigureAwait(false);
                }).ConfigureAwait(false);
                console.Out.WriteLine($"sync: {result.EventsApplied:N0} events and {result.ChangesApplied:N0} catalog rows applied, {result.EventsSkipped:N0} events not travelling; " +
                    $"at event {result.EventPosition:N0}, lag {result.LagEvents:N0} events / {result.LagChanges:N0} changes{(result.Frozen ? "; FROZEN (cutover)" : string.Empty)}");
                return ExitCodes.Ok;
            }).ConfigureAwait(false);
        });
        return command;
    }
}
