using System.Diagnostics;

using Whisper.Fork.Keys;
using Whisper.Fork.Manifest;
using Whisper.Fork.Residency;
using Whisper.Fork.Scope;
using Whisper.Fork.Verify;
using Whisper.Storage;
using Whisper.World.Generation;

namespace Whisper.Cli.Tests;

/// <summary>
/// kill -9 of the real <c>whisper fork export|import|sync</c> processes at random points, several times each; the final
/// export must equal an uninterrupted one and the fork must hold exactly the residents' rows — 0 lost, 0 duplicated.
/// </summary>
public sealed class ForkCrashTests
{
    private const int KillsPerStage = 4;
    private static readonly TimeSpan RunLimit = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task KillMinus9_DuringExportImportAndSync_FinalForkEqualsAnUninterruptedRun()
    {
        using var temp = new TempFolder();
        var source = temp.File("source.db");
        var policy = PolicyPath();
        Assert.Equal(0, (await CliRun.RunAsync("world", "generate", "--store", source, "--users", "4000", "--videos", "3000", "--days", "10", "--seed", "5", "--ground-truth", temp.File("truth.wgt"))).ExitCode);
        Assert.Equal(0, (await CliRun.RunAsync("fork", "keys", "create", "--keys", temp.File("keys"))).ExitCode);
        var common = new[] { "--keys", temp.File("keys"), "--policy", policy };

        // The uninterrupted reference.
        var reference = await CliRun.RunAsync(["fork", "export", "--source", source, "--repo", temp.File("ref-repo"), "--chunk-kib", "4", .. common]);
        Assert.True(reference.ExitCode == 0, reference.Error);

        var random = new Random(20261126);
        var keys = FileKeyProvider.Open(temp.File("keys"));
        var expected = ManifestFile.Read(temp.File("ref-repo"), keys);
        var repo = temp.File("repo");
        string[] export = ["fork", "export", "--source", source, "--repo", repo, "--chunk-kib", "4", "--parallel", "2", .. common];
        var exportKills = await KillAtRandomPointsAsync(export, expected.Chunks.Count, () => CountLines(Path.Combine(repo, "export.journal"), "\"kind\":\"chunk\""), random);
        await RunToEndAsync(export);

        var actual = ManifestFile.Read(repo, keys);
        Assert.Equal(expected.Tables, actual.Tables);
        Assert.Equal(expected.Chunks.Select(c => c.Id), actual.Chunks.Select(c => c.Id));

        var import = new[] { "fork", "import", "--target", temp.File("target.db"), "--repo", repo, "--keys", temp.File("keys"), "--parallel", "1" };
        var importKills = await KillAtRandomPointsAsync(import, expected.Chunks.Count, () => CountLines(Path.Combine(repo, "import.journal"), null) - 1, random);
        await RunToEndAsync(import);

        // Writes after the snapshot, then CDC killed repeatedly while it applies them in small batches.
        var newEvents = await WriteMoreAsync(source);
        string[] sync = ["fork", "sync", "--source", source, "--target", temp.File("target.db"), "--repo", repo, "--batch", "100", .. common];
        var syncKills = await KillAtRandomPointsAsync(sync, newEvents, () => AppliedBySync(repo, actual.SnapshotEventPosition), random);
        await RunToEndAsync(sync);

        Assert.True(exportKills + importKills + syncKills >= 3, $"only {exportKills}/{importKills}/{syncKills} runs were killed mid-work");
        await using var sourceStore = await WhisperStores.OpenAsync(new StoreOptions(StoreProvider.Sqlite, source));
        await using var targetStore = await WhisperStores.OpenAsync(new StoreOptions(StoreProvider.Sqlite, temp.File("target.db")));
        var scope = await ResidentSets.BuildAsync(sourceStore, new ResidencyClassifier(ResidencyPolicy.Load(policy), SyntheticIpCountryLookup.Instance));
        var report = await new ForkVerifier(keys).VerifyAsync(temp.File("repo"), new VerifyOptions { Source = sourceStore, Target = targetStore, Scope = scope });
        Assert.True(report.Ok, string.Join("; ", report.Tables.Where(t => !t.Matches).Select(t => $"{t.Table}: {t.DifferenceCount} ({string.Join(", ", t.Differences.Take(5))})")));
        Assert.Equal(report.Tables.Single(t => t.Table == Fork.Records.ForkTable.Events).TargetRecords, await targetStore.Events.GetHeadAsync());
    }

    private static async Task<int> WriteMoreAsync(string source)
    {
        await using var store = await WhisperStores.OpenAsync(new StoreOptions(StoreProvider.Sqlite, source));
        var users = await store.Catalog.ListUsersAsync(0, 200);
        var at = DateTimeOffset.FromUnixTimeMilliseconds(1_790_000_000_000);
        for (var round = 0; round < 40; round++)
        {
            var batch = users.Select(u => new Core.Domain.EngagementEvent(Guid.CreateVersion7(), u.Id, 1, Core.Domain.EventKind.View, at.AddSeconds(round), 5_000)).ToList();
            await store.Events.AppendAsync(batch);
        }

        await store.Catalog.UpsertUsersAsync(users.Take(50).Select(u => u with { Handle = u.Handle + "-2" }).ToList());
        return 40 * users.Count;
    }

    /// <summary>
    /// Runs the command <see cref="KillsPerStage"/> times, each killed (-9) once its progress — read from the files it
    /// journals to — reaches a random point further along; returns how many runs were killed mid-work.
    /// </summary>
    private static async Task<int> KillAtRandomPointsAsync(string[] args, long total, Func<long> progress, Random random)
    {
        var points = Enumerable.Range(0, KillsPerStage).Select(_ => random.NextInt64(1, Math.Max(2, total))).Order().ToList();
        var killed = 0;
        foreach (var point in points)
        {
            using var process = Start(args);
            using var limit = new CancellationTokenSource(RunLimit);
            while (!process.HasExited && SafeProgress(progress) < point)
            {
                await Task.Delay(5, limit.Token);
            }

            if (process.HasExited)
            {
                Assert.True(process.ExitCode == 0, await process.StandardError.ReadToEndAsync());
                continue;
            }

            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            killed++;
        }

        return killed;
    }

    private static long SafeProgress(Func<long> progress)
    {
        try
        {
            return progress();
        }
        catch (IOException)
        {
            return 0; // the file is being replaced; look again
        }
    }

    private static long CountLines(string path, string? containing) =>
        File.Exists(path) ? File.ReadLines(path).Count(l => containing is null || l.Contains(containing, StringComparison.Ordinal)) : 0;

    private static long AppliedBySync(string repo, long snapshot)
    {
        var path = Path.Combine(repo, "sync.state");
        if (!File.Exists(path))
        {
            return 0;
        }

        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(path));
        return json.RootElement.GetProperty("eventPosition").GetInt64() - snapshot;
    }

    private static async Task RunToEndAsync(string[] args)
    {
        using var process = Start(args);
        using var limit = new CancellationTokenSource(RunLimit);
        var error = process.StandardError.ReadToEndAsync(limit.Token);
        await process.WaitForExitAsync(limit.Token);
        Assert.True(process.ExitCode == 0, $"whisper {string.Join(' ', args)} exited {process.ExitCode}: {await error}");
    }

    private static Process Start(string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "whisper.dll"));
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info)!;
        process.OutputDataReceived += static (_, _) => { };
        process.BeginOutputReadLine();
        return process;
    }

    private static string PolicyPath()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "policies", "us-residency.json");
        if (File.Exists(path))
        {
            return path;
        }

        throw new FileNotFoundException($"{path} is missing: the test project copies policies/us-residency.json beside its binaries");
    }
}
