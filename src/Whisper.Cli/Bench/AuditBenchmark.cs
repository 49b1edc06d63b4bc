using System.Diagnostics;
using System.Text.Json.Nodes;

using Whisper.Security.Audit;
using Whisper.Security.Audit.Allowlist;
using Whisper.Security.Audit.Corpus;
using Whisper.Security.Audit.Rules;

namespace Whisper.Cli.Bench;

/// <summary>
/// Audit scanner throughput. Baseline from the same run: reading every file of the generated tree whole, on the same
/// number of threads, from the page cache (the tree was just written) — the least any scanner must do. Measured against
/// it: the full scan with the default rules and the sample allowlist, best of three, after a warm-up on the seeded
/// corpus (whose recall and false positives are reported too). Target: 50 MB/s on 2 cores. Wall-clock rates depend on
/// what else the machine runs; <c>scan_mb_per_cpu_s</c> (bytes over the process's CPU time during the best scan) does not.
/// </summary>
public static class AuditBenchmark
{
    public const double TargetMegabytesPerSecond = 50;
    private const int Rounds = 3;

    public static JsonObject Run(long targetBytes, int threads, string workDirectory, TextWriter progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(progress);
        var allowlist = RegionAllowlist.Parse(AuditCorpus.SampleAllowlist, "allowlists/us.json (sample)");
        var corpus = AuditCorpus.Write(Path.Combine(workDirectory, "corpus"));
        var corpusReport = new AuditScanner(AuditRules.Default, allowlist) { Parallelism = threads }.Scan(corpus.Root, ct);
        var score = corpus.Score(corpusReport);

        progress.WriteLine($"bench audit: generating a {targetBytes / 1e6:0} MB tree...");
        var tree = Path.Combine(workDirectory, "tree");
        var (files, bytes) = LargeTree.Write(tree, targetBytes);

        double readSeconds = double.MaxValue, scanSeconds = double.MaxValue, scanCpuSeconds = double.MaxValue, scanOneSeconds = double.MaxValue;
        AuditReport? report = null;
        for (var round = 0; round < Rounds; round++)
        {
            ct.ThrowIfCancellationRequested();
            readSeconds = Math.Min(readSeconds, ReadAll(tree, threads));
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            report = new AuditScanner(AuditRules.Default, allowlist) { Parallelism = threads }.Scan(tree, ct);
            scanSeconds = Math.Min(scanSeconds, clock.Elapsed.TotalSeconds);
            scanCpuSeconds = Math.Min(scanCpuSeconds, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds);
            progress.WriteLine($"bench audit: round {round + 1}: read {bytes / 1e6 / readSeconds:0} MB/s, scan {bytes / 1e6 / scanSeconds:0.0} MB/s");
        }

        if (threads > 1)
        {
            var clock = Stopwatch.StartNew();
            new AuditScanner(AuditRules.Default, allowlist) { Parallelism = 1 }.Scan(tree, ct);
            scanOneSeconds = clock.Elapsed.TotalSeconds;
        }

        var scanRate = bytes / 1e6 / scanSeconds;
        return new JsonObject
        {
            ["benchmark"] = "audit",
            ["files"] = files,
            ["mb"] = Round(bytes / 1e6),
            ["threads"] = threads,
            ["cores"] = Environment.ProcessorCount,
            ["baseline_read_mb_per_s"] = Round(bytes / 1e6 / readSeconds),
            ["scan_mb_per_s"] = Round(scanRate),
            ["scan_vs_read"] = Math.Round(readSeconds / scanSeconds, 3),
            // Throughput per CPU-second: what the scan costs, independent of other load on a shared machine.
            ["scan_mb_per_cpu_s"] = Round(bytes / 1e6 / Math.Max(scanCpuSeconds, 1e-3)),
            ["scan_mb_per_s_1_thread"] = threads > 1 ? Round(bytes / 1e6 / scanOneSeconds) : Round(scanRate),
            ["target_mb_per_s"] = TargetMegabytesPerSecond,
            ["meets_target"] = scanRate >= TargetMegabytesPerSecond,
            ["findings"] = report!.Findings.Count,
            ["corpus"] = new JsonObject
            {
                ["rules"] = score.Rules,
                ["languages"] = score.Languages,
                ["planted"] = score.Planted,
                ["found"] = score.Found,
                ["recall"] = Math.Round(score.Recall, 4),
                ["false_positives"] = score.FalsePositives,
                ["clean_lookalikes"] = score.CleanLookalikes,
            },
        };
    }

    private static double Round(double value) => Math.Round(value, 1);

    /// <summary>Reads every file whole on <paramref name="threads"/> threads; returns seconds.</summary>
    private static double ReadAll(string root, int threads)
    {
        var paths = Directory.GetFiles(root, "*", SearchOption.AllDirectories);
        long sink = 0;
        var clock = Stopwatch.StartNew();
        Parallel.ForEach(paths, new ParallelOptions { MaxDegreeOfParallelism = threads }, path => Interlocked.Add(ref sink, File.ReadAllBytes(path).Length));
        var seconds = clock.Elapsed.TotalSeconds;
        return sink > 0 ? seconds : double.MaxValue;
    }
}
