using System.CommandLine;

using Whisper.Cli.Console;
using Whisper.Fork.Chunks;
using Whisper.Fork.Export;
using Whisper.Fork.Manifest;
using Whisper.Fork.Records;
using Whisper.Fork.Scope;

namespace Whisper.Cli.Commands.Fork;

/// <summary><c>whisper fork export</c>: the residents' share of a source store into an encrypted, signed repository.</summary>
public static class ForkExportCommand
{
    public static Command Create(CliConsole console)
    {
        var source = new StoreSelection("source");
        var repo = ForkOptions.Repository();
        var keys = ForkOptions.Keys();
        var policy = ForkOptions.Policy();
        var chunkKib = new Option<int>("--chunk-kib") { Description = "Raw chunk size in KiB (4..65536).", DefaultValueFactory = _ => 1024 };
        var compress = new Option<ChunkCompression>("--compress")
        {
            Description = "Chunk compression: lz4 (default; ~2.8x smaller on the synthetic world) or none (faster sealing, more bytes to store and move).",
            DefaultValueFactory = _ => ChunkCompression.Lz4,
        };
        var parallel = new Option<int>("--parallel") { Description = "Threads that hash, compress and encrypt chunks.", DefaultValueFactory = _ => Environment.ProcessorCount };
        var models = new Option<string[]>("--model")
        {
            Description = "A model or embedding snapshot file to carry (partial divestiture), as name=path. Repeat for several.",
            AllowMultipleArgumentsPerToken = true,
        };
        var checkpoints = new Option<string?>("--model-checkpoints")
        {
            Description = "The engine's checkpoint directory (partial divestiture): its newest checkpoint no newer than the snapshot travels, without non-residents' rows.",
        };
        var tlog = new Option<string?>("--tlog")
        {
            Description = "Transparency log directory: the signed manifest's SHA-256 is appended as a migration-manifest entry (docs/security/transparency-log.md).",
        };
        var command = new Command("export", "Export the residents' data: chunked, compressed, AES-256-GCM encrypted under wrapped data keys, with a signed manifest. Resumable.")
        {
            repo, keys, policy, chunkKib, compress, parallel, models, checkpoints, tlog,
        };
        source.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var keyProvider = ForkOptions.OpenKeys(parse.GetValue(keys)!);
            var (classifier, policySha) = ForkOptions.OpenPolicy(parse.GetValue(policy)!);
            var options = new ExportOptions
            {
                Repository = parse.GetValue(repo)!,
                TargetRegion = classifier.Policy.TargetRegion,
                Mode = classifier.Policy.Mode,
                PolicySha256 = policySha,
                ChunkBytes = CheckedRange(parse.GetValue(chunkKib), 4, 65_536, "--chunk-kib") * 1024,
                Parallelism = CheckedRange(parse.GetValue(parallel), 1, 256, "--parallel"),
                Compression = parse.GetValue(compress),
                Models = ParseModels(parse.GetValue(models) ?? []),
                ModelCheckpointDirectory = parse.GetValue(checkpoints),
            };
            if (options.Mode == ForkMode.FullFork && (options.Models.Count > 0 || options.ModelCheckpointDirectory is not null))
            {
                throw new UsageException("the policy's mode is full-fork, which carries no models (the region retrains from scratch); drop --model and --model-checkpoints.");
            }

            if (options.ModelCheckpointDirectory is { } dir && !Directory.Exists(dir))
            {
                throw new UsageException($"--model-checkpoints {dir} is not a directory; pass the engine's checkpoint folder (the demo's is .whisper/model).");
            }

            return await ForkErrors.RunAsync(console, async () =>
            {
                await using var store = await ForkOptions.OpenStoreAsync(source, parse, ct).ConfigureAwait(false);
                var manifest = await ProgressDisplay.RunAsync(console, async progress =>
                {
                    var adapter = new ForkProgressAdapter(progress);
                    var scope = await ResidentSets.BuildAsync(store, classifier, adapter, ct).ConfigureAwait(false);
                    return await new ForkExporter(store, keyProvider, scope).ExportAsync(options, adapter, ct).ConfigureAwait(false);
                }).ConfigureAwait(false);
                ForkSummary.Write(console, manifest);
                if (parse.GetValue(tlog) is { } logDirectory)
                {
                    var logged = await ForkTransparency.LogManifestAsync(logDirectory, options.Repository, manifest, ct).ConfigureAwait(false);
                    console.Out.WriteLine($"  transparency log: entry {logged.FirstIndex:N0}, tree size {logged.Head.TreeSize:N0}");
                }

                return ExitCodes.Ok;
            }).ConfigureAwait(false);
        });
        return command;
    }

    internal static int CheckedRange(int value, int min, int max, string option) =>
        value >= min && value <= max ? value : throw new UsageException($"{option} {value} is out of range; use {min}..{max}.");

    private static List<ExportModelFile> ParseModels(string[] values)
    {
        var files = new List<ExportModelFile>();
        foreach (var value in values)
        {
            var split = value.IndexOf('=', StringComparison.Ordinal);
            if (split <= 0 || split == value.Length - 1)
            {
                throw new UsageException($"--model '{value}' is not name=path; e.g. --model engine=.whisper/engine.ckpt");
            }

            var path = value[(split + 1)..];
            if (!File.Exists(path))
            {
                throw new UsageException($"--model {value[..split]}: no file at {path}.");
            }

            files.Add(new ExportModelFile(value[..split], path));
        }

        return files;
    }
}

/// <summary>The end-of-job summary tables of the fork verbs.</summary>
internal static class ForkSummary
{
    public static void Write(CliConsole console, ForkManifest manifest)
    {
        var rows = manifest.Tables.Select(t => $"  {ForkTables.NameOf(t.Table),-14} {t.Records,12:N0} records");
        console.Out.WriteLine($"export {manifest.ExportId:D} for region '{manifest.TargetRegion}' ({ManifestModeName(manifest.Mode)}): {manifest.Chunks.Count:N0} chunks, " +
            $"{manifest.Chunks.Sum(c => (long)c.RawBytes) / 1e6:N1} MB raw, {manifest.Chunks.Sum(c => (long)c.StoredBytes) / 1e6:N1} MB stored; snapshot at event {manifest.SnapshotEventPosition:N0}, change {manifest.SnapshotChangePosition:N0}");
        foreach (var row in rows)
        {
            console.Out.WriteLine(row);
        }

        console.Out.WriteLine($"  merkle root {manifest.MerkleRoot}");
    }

    public static string ManifestModeName(ForkMode mode) => mode == ForkMode.FullFork ? "full fork" : "partial divestiture";
}
