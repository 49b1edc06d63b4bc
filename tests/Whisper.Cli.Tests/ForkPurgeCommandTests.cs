using System.Diagnostics;
using System.Text.Json;

using Whisper.Fork.Keys;
using Whisper.Fork.Manifest;
using Whisper.Fork.Purge;
using Whisper.Fork.Sync;

namespace Whisper.Cli.Tests;

/// <summary>
/// <c>whisper fork backup|purge|verify-purge</c> through the real command tree, and <c>fork purge</c> killed (-9) at random
/// points as a real process: the resumed purge must certify exactly what an uninterrupted one does.
/// </summary>
public sealed class ForkPurgeCommandTests
{
    private static readonly TimeSpan RunLimit = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task Purge_DryRunThenRunThenVerify_EndToEndWithTransparencyLog()
    {
        using var temp = new TempFolder();
        var origin = await OriginAsync(temp, "a", freeze: true);

        var dry = await CliRun.RunAsync([.. origin.Purge, "--dry-run"]);
        Assert.True(dry.ExitCode == 0, dry.Error);
        Assert.Contains("dry run: nothing was changed.", dry.Out, StringComparison.Ordinal);
        Assert.Contains("data keys to destroy", dry.Out, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(origin.Repo, "purge")));

        var before = await CliRun.RunAsync([.. origin.Verify]);
        Assert.Equal(2, before.ExitCode);
        Assert.Contains("run 'whisper fork purge' first", before.Error, StringComparison.Ordinal);

        var run = await CliRun.RunAsync([.. origin.Purge, "--tlog", temp.File("tlog")]);
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("transparency log: entry", run.Out, StringComparison.Ordinal);

        var certificate = Path.Combine(origin.Repo, "purge", DeletionCertificateFile.CertificateName);
        var after = await CliRun.RunAsync([.. origin.Verify, "--certificate", certificate, "--tlog", temp.File("tlog")]);
        Assert.True(after.ExitCode == 0, after.Error + after.Out);
        Assert.Contains("no purged resident's record is readable", after.Out, StringComparison.Ordinal);
        Assert.Contains("inclusion proven", after.Out, StringComparison.Ordinal);

        // A certificate altered after signing fails loudly.
        var bytes = await File.ReadAllBytesAsync(certificate);
        await File.WriteAllTextAsync(certificate, System.Text.Encoding.UTF8.GetString(bytes).Replace("\"formatVersion\":1", "\"formatVersion\":1 ", StringComparison.Ordinal));
        var tampered = await CliRun.RunAsync([.. origin.Verify, "--certificate", certificate, "--tlog", temp.File("tlog")]);
        Assert.Equal(1, tampered.ExitCode);
        Assert.Contains("certificate FAILED", tampered.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Purge_BeforeFreeze_ExitsOneAndChangesNothing()
    {
        using var temp = new TempFolder();
        var origin = await OriginAsync(temp, "a", freeze: false);

        var refused = await CliRun.RunAsync([.. origin.Purge]);

        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("purge refused", refused.Error, StringComparison.Ordinal);
        Assert.Contains("not frozen", refused.Error, StringComparison.Ordinal);
        Assert.True(Directory.Exists(Path.Combine(origin.Repo, "chunks")));
    }

    [Fact]
    public async Task Purge_BadRetention_IsUsageError()
    {
        var result = await CliRun.RunAsync("fork", "purge", "--source", "x.db", "--scope", ".", "--retention", "soon");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--retention 'soon' is not a duration", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyPurge_BackupLeftOut_NamesTheReadableBackupRecords()
    {
        using var temp = new TempFolder();
        var origin = await OriginAsync(temp, "a", freeze: true);
        string[] purgeWithoutBackups = [.. origin.Purge.Where((_, i) => i < origin.Purge.Length - 2)];
        Assert.Equal(0, (await CliRun.RunAsync(purgeWithoutBackups)).ExitCode);

        var verify = await CliRun.RunAsync([.. origin.Verify]);

        Assert.Equal(1, verify.ExitCode);
        Assert.Contains("origin.wbk", verify.Error, StringComparison.Ordinal);
        Assert.Contains("still decrypt under key bk-", verify.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KillMinus9_DuringPurge_ResumedCertificateEqualsAnUninterruptedOne()
    {
        using var temp = new TempFolder();
        var killed = await OriginAsync(temp, "killed", freeze: true);
        var reference = await OriginAsync(temp, "reference", freeze: true);

        var uninterrupted = await CliRun.RunAsync([.. reference.Purge, "--batch", "25"]);
        Assert.True(uninterrupted.ExitCode == 0, uninterrupted.Error);

        var random = new Random(20261127);
        var state = Path.Combine(killed.Repo, "purge", PurgeJournal.FileName);
        string[] args = [.. killed.Purge, "--batch", "25"];
        var kills = 0;
        foreach (var point in Enumerable.Range(0, 4).Select(_ => random.Next(1, 20)).Order())
        {
            using var process = Start(args);
            using var limit = new CancellationTokenSource(RunLimit);
            while (!process.HasExited && BatchesDone(state) < point)
            {
                await Task.Delay(5, limit.Token);
            }

            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                kills++;
            }

            await process.WaitForExitAsync(limit.Token);
        }

        var finished = await CliRun.RunAsync(args);
        Assert.True(finished.ExitCode == 0, finished.Error);
        Assert.True(kills >= 2, $"only {kills} runs were killed mid-purge");

        var expected = Certificate(reference);
        var actual = Certificate(killed);
        Assert.Equal(expected.Tables, actual.Tables);
        Assert.Equal(expected.Residents, actual.Residents);
        Assert.Equal(expected.OnlineFeatureEntities, actual.OnlineFeatureEntities);
        Assert.Equal((expected.Repository!.Chunks, expected.Repository.Bytes), (actual.Repository!.Chunks, actual.Repository.Bytes));

        // The two origins were exported and backed up separately, so ids differ; the subjects whose keys went must not.
        Assert.Equal(expected.Backups.Select(b => (b.Frames, b.Records, Subjects(b))), actual.Backups.Select(b => (b.Frames, b.Records, Subjects(b))));
        var verify = await CliRun.RunAsync([.. killed.Verify]);
        Assert.True(verify.ExitCode == 0, verify.Error);
    }

    private static string Subjects(ShreddedBackup backup) => string.Join(',', backup.KeysDestroyed.Select(k => k[(k.IndexOf('/', StringComparison.Ordinal) + 1)..]));

    private static DeletionCertificate Certificate(Origin origin) =>
        DeletionCertificateFile.Verify(Path.Combine(origin.Repo, "purge", DeletionCertificateFile.CertificateName), FileKeyProvider.Open(origin.Keys));

    private static long BatchesDone(string state)
    {
        try
        {
            if (!File.Exists(state))
            {
                return 0;
            }

            using var json = JsonDocument.Parse(File.ReadAllBytes(state));
            return json.RootElement.GetProperty("catalogBatchesDone").GetInt64();
        }
        catch (Exception e) when (e is IOException or JsonException)
        {
            return 0; // being replaced; look again
        }
    }

    /// <summary>One origin after a fork, in its own folder: a world, keys, an export, a backup, and (optionally) the freeze.</summary>
    private static async Task<Origin> OriginAsync(TempFolder temp, string name, bool freeze)
    {
        var folder = temp.File(name);
        Directory.CreateDirectory(Path.Combine(folder, "backups"));
        var source = Path.Combine(folder, "origin.db");
        var keys = Path.Combine(folder, "keys");
        var repo = Path.Combine(folder, "repo");
        var policy = Path.Combine(AppContext.BaseDirectory, "policies", "us-residency.json");
        await Must("world", "generate", "--store", source, "--users", "1500", "--videos", "1000", "--days", "3", "--seed", "9", "--ground-truth", Path.Combine(folder, "truth.wgt"));
        await Must("fork", "keys", "create", "--keys", keys);
        await Must("fork", "export", "--source", source, "--repo", repo, "--keys", keys, "--policy", policy, "--chunk-kib", "16");
        await Must("fork", "backup", "--source", source, "--keys", keys, "--out", Path.Combine(folder, "backups", "origin.wbk"));
        if (freeze)
        {
            var manifest = ManifestFile.Read(repo, FileKeyProvider.Open(keys));
            (SyncState.Load(repo, manifest) with { FrozenAt = DateTimeOffset.UtcNow.AddDays(-1) }).Save(repo);
        }

        string[] purge = ["fork", "purge", "--source", source, "--scope", repo, "--keys", keys, "--policy", policy, "--retention", "1h", "--backups", Path.Combine(folder, "backups")];
        string[] verify = ["fork", "verify-purge", "--source", source, "--scope", repo, "--keys", keys, "--backups", Path.Combine(folder, "backups")];
        return new Origin(repo, keys, purge, verify);
    }

    private static async Task Must(params string[] args)
    {
        var result = await CliRun.RunAsync(args);
        Assert.True(result.ExitCode == 0, $"whisper {string.Join(' ', args)}: {result.Error}");
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
        process.ErrorDataReceived += static (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private sealed record Origin(string Repo, string Keys, string[] Purge, string[] Verify);
}
