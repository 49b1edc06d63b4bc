using System.Globalization;

using Spectre.Console;

using Whisper.Cli.Commands.Fork;
using Whisper.Cli.Console;
using Whisper.Fork.Export;
using Whisper.Fork.Import;
using Whisper.Fork.Keys;
using Whisper.Fork.Manifest;
using Whisper.Fork.Records;
using Whisper.Fork.Residency;
using Whisper.Fork.Scope;
using Whisper.Fork.Sync;
using Whisper.Fork.Verify;
using Whisper.Storage;

namespace Whisper.Cli.Demo;

/// <summary>
/// The demo's fork: classify the world's users under the sample US residency policy, export the residents' share
/// (encrypted, signed, with a resident-only model), import it into a separate US store, catch up by CDC, and verify
/// the copy row by row. A second demo run resumes every step and finds nothing left to move.
/// </summary>
public static class DemoFork
{
    public static async Task<DemoForkResult> RunAsync(DemoOptions options, IWhisperStore source, CliConsole console, CancellationToken ct)
    {
        console.Ansi.Write(new Rule("[bold]Fork: a sovereign US copy[/]").LeftJustified());
        var keys = Directory.Exists(options.ForkKeysPath) && Directory.EnumerateFileSystemEntries(options.ForkKeysPath).Any()
            ? FileKeyProvider.Open(options.ForkKeysPath)
            : FileKeyProvider.Create(options.ForkKeysPath);
        var (classifier, policySha) = ForkOptions.OpenPolicy(ForkOptions.DefaultPolicy);
        await using var target = await WhisperStores.OpenAsync(new StoreOptions(StoreProvider.Sqlite, options.ForkStorePath), ct).ConfigureAwait(false);

        var (scope, manifest, import, sync, report) = await ProgressDisplay.RunAsync(console, async progress =>
        {
            var forkProgress = new ForkProgressAdapter(progress);
            var scope = await ResidentSets.BuildAsync(source, classifier, forkProgress, ct).ConfigureAwait(false);
            var manifest = await new ForkExporter(source, keys, scope).ExportAsync(
                new ExportOptions
                {
                    Repository = options.ForkRepositoryPath,
                    TargetRegion = classifier.Policy.TargetRegion,
                    Mode = classifier.Policy.Mode,
                    PolicySha256 = policySha,
                    ModelCheckpointDirectory = classifier.Policy.Mode == ForkMode.PartialDivestiture && Directory.Exists(options.CheckpointDirectory) ? options.CheckpointDirectory : null,
                },
                forkProgress,
                ct).ConfigureAwait(false);
            var import = await new ForkImporter(target, keys) { ModelDirectory = options.ForkModelPath }.ImportAsync(options.ForkRepositoryPath, forkProgress, ct).ConfigureAwait(false);
            var sync = await new ForkSync(source, target, keys, scope).SyncAsync(options.ForkRepositoryPath, freeze: false, forkProgress, ct).ConfigureAwait(false);
            var report = await new ForkVerifier(keys).VerifyAsync(
                options.ForkRepositoryPath,
                new VerifyOptions { Source = source, Target = target, Scope = scope },
                forkProgress,
                ct).ConfigureAwait(false);
            return (scope, manifest, import, sync, report);
        }).ConfigureAwait(false);

        Print(console, scope.Report, manifest, import, sync, report);
        return new DemoForkResult(manifest.ExportId, scope.Report.Residents, report.Ok, sync.LagEvents);
    }

    private static void Print(CliConsole console, ResidencyReport residency, ForkManifest manifest, ImportResult import, SyncResult sync, VerifyReport verify)
    {
        static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
        console.Out.WriteLine(
            $"Residency: {N(residency.Residents)} residents, {N(residency.NonResidents)} stay, {N(residency.Conflicts)} conflicts reported ({residency.ConflictHandling}); " +
            $"{N(residency.FollowsOfForeignCreators)} follows of foreign creators travel without their creator.");
        var table = new Table().Title(Markup.Escape($"export {manifest.ExportId:D}: {N(manifest.Chunks.Count)} chunks, merkle root {manifest.MerkleRoot[..16]}…"))
            .AddColumn("table").AddColumn("exported").AddColumn("source (scoped)").AddColumn("fork").AddColumn("verify");
        foreach (var t in verify.Tables)
        {
            var exported = manifest.Tables.Single(m => m.Table == t.Table).Records;
            table.AddRow(ForkTables.NameOf(t.Table), N(exported), N(t.SourceRecords), N(t.TargetRecords), t.Matches ? "match" : $"[red]{N(t.DifferenceCount)} differ[/]");
        }

        console.Ansi.Write(table);
        var model = import.ModelFiles.Count > 0 ? $"resident-only model {Path.GetFileName(import.ModelFiles[0])}" : import.RetrainedAtPosition is { } p ? $"model retrained to position {N(p)}" : "no model yet";
        console.Out.WriteLine(
            $"Import: {N(import.ChunksApplied)} chunks applied now, {N(import.ChunksAlreadyApplied)} by an earlier run; {model}. " +
            $"CDC: {N(sync.EventsApplied)} events and {N(sync.ChangesApplied)} catalog rows after the snapshot, lag {N(sync.LagEvents)}. " +
            $"Verify: {(verify.Ok ? "OK" : "FAILED")} ({N(verify.ChunksChecked)} chunks decrypted and re-hashed).");
    }
}

/// <summary>What the demo's fork produced.</summary>
public sealed record DemoForkResult(Guid ExportId, long Residents, bool Verified, long LagEvents);
