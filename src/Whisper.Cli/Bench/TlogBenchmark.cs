using System.Diagnostics;
using System.Text.Json.Nodes;

using Whisper.Cli.Console;
using Whisper.Core.Integrity;
using Whisper.Security.Transparency;

namespace Whisper.Cli.Bench;

/// <summary>
/// Transparency log speed at a large size (10M leaves by default). Built through the bulk path (batches of 65,536,
/// fsync'd per batch), closed and reopened (from the subtree snapshot), then measured: fsync'd appends one at a time
/// and in batches, and inclusion and consistency proof generation against random sizes and indexes. Baselines from
/// the same run: Core's SHA-256 leaf hashing of the same leaves on one core (the ceiling for any append path), and
/// Core's list-based proofs (which re-hash the leaves) next to the log's at <see cref="Settings.BaselineLeaves"/>.
/// </summary>
public static class TlogBenchmark
{
    public sealed record Settings
    {
        public long Leaves { get; init; } = 10_000_000;

        public int BulkBatch { get; init; } = 65_536;

        public int AppendBatch { get; init; } = 1_000;

        public int AppendBatches { get; init; } = 20;

        public int SingleAppends { get; init; } = 200;

        public int Proofs { get; init; } = 2_000;

        public int BaselineLeaves { get; init; } = 65_536;

        public int BaselineProofs { get; init; } = 10;

        public int Seed { get; init; } = 6962;
    }

    public static async Task<JsonObject> RunAsync(Settings settings, string workDirectory, IProgress<WorkProgress> progress, CancellationToken ct)
    {
        var directory = Path.Combine(workDirectory, "tlog");
        var t0 = DateTimeOffset.UnixEpoch.AddYears(56);
        var random = new Random(settings.Seed);
        var hashRate = LeafHashRate(t0);

        // Build.
        var clock = Stopwatch.StartNew();
        using (var log = TransparencyLog.Open(directory))
        {
            var batch = new LogEntry[settings.BulkBatch];
            for (long done = 0; done < settings.Leaves;)
            {
                ct.ThrowIfCancellationRequested();
                var n = (int)Math.Min(batch.Length, settings.Leaves - done);
                var entries = n == batch.Length ? batch : new LogEntry[n];
                for (var i = 0; i < n; i++)
                {
                    entries[i] = Entry(done + i, t0);
                }

                await log.AppendBatchAsync(entries, ct).ConfigureAwait(false);
                done += n;
                progress.Report(new WorkProgress("build", done, settings.Leaves, $"{done / clock.Elapsed.TotalSeconds:N0} leaves/s"));
            }
        }

        var build = clock.Elapsed.TotalSeconds;
        var bytes = new DirectoryInfo(directory).EnumerateFiles().Sum(f => f.Length);

        clock.Restart();
        using var opened = TransparencyLog.Open(directory);
        var reopen = clock.Elapsed.TotalSeconds;
        var size = opened.Size;

        // Proofs at full size: random index / old size, verified with Core (outside the timed part).
        var inclusion = new double[settings.Proofs];
        var consistency = new double[settings.Proofs];
        var verified = true;
        for (var i = 0; i < settings.Proofs; i++)
        {
            var index = random.NextInt64(size);
            var old = 1 + random.NextInt64(size - 1);
            var start = Stopwatch.GetTimestamp();
            var path = opened.InclusionProof(index, size);
            inclusion[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
            start = Stopwatch.GetTimestamp();
            var proof = opened.ConsistencyProof(old, size);
            consistency[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
            if (i % 50 == 0)
            {
                var root = opened.Head.RootHash;
                verified &= MerkleTree.VerifyInclusion(index, size, opened.LeafHash(index), path, root)
                    && MerkleTree.VerifyConsistency(old, size, opened.RootHash(old), root, proof);
                progress.Report(new WorkProgress("proofs", i + 1, settings.Proofs));
            }
        }

        // Core's list-based proofs against the log's, same size, same indexes.
        var baselineSize = (int)Math.Min(settings.BaselineLeaves, size);
        var hashes = new List<byte[]>(baselineSize);
        for (var i = 0; i < baselineSize; i++)
        {
            hashes.Add(opened.LeafHash(i));
        }

        double coreInclusion = 0, coreConsistency = 0, logInclusion = 0, logConsistency = 0;
        for (var i = 0; i < settings.BaselineProofs; i++)
        {
            var index = random.Next(baselineSize);
            var old = 1 + random.Next(baselineSize - 1);
            coreInclusion += Time(() => MerkleTree.InclusionProof(hashes, index));
            coreConsistency += Time(() => MerkleTree.ConsistencyProof(hashes, old));
            logInclusion += Time(() => opened.InclusionProof(index, baselineSize));
            logConsistency += Time(() => opened.ConsistencyProof(old, baselineSize));
            verified &= MerkleTree.InclusionProof(hashes, index).Zip(opened.InclusionProof(index, baselineSize)).All(p => p.First.AsSpan().SequenceEqual(p.Second));
        }

        // Appends at full size, each fsync'd: one at a time, then batches.
        var next = size;
        clock.Restart();
        for (var i = 0; i < settings.SingleAppends; i++)
        {
            await opened.AppendAsync(Entry(next++, t0), ct).ConfigureAwait(false);
        }

        var single = settings.SingleAppends / clock.Elapsed.TotalSeconds;
        var appendBatch = new LogEntry[settings.AppendBatch];
        var batchSeconds = 0.0;
        for (var b = 0; b < settings.AppendBatches; b++)
        {
            for (var i = 0; i < appendBatch.Length; i++)
            {
                appendBatch[i] = Entry(next++, t0);
            }

            clock.Restart();
            await opened.AppendBatchAsync(appendBatch, ct).ConfigureAwait(false);
            batchSeconds += clock.Elapsed.TotalSeconds;
        }

        var batched = settings.AppendBatches * settings.AppendBatch / batchSeconds;
        Array.Sort(inclusion);
        Array.Sort(consistency);
        return new JsonObject
        {
            ["benchmark"] = "tlog",
            ["leaves"] = size,
            ["log_mb"] = Math.Round(bytes / 1e6, 1),
            ["baseline_core_leaf_hashes_per_s_1_core"] = Math.Round(hashRate),
            ["build_bulk_leaves_per_s"] = Math.Round(settings.Leaves / build),
            ["build_bulk_vs_leaf_hash_ceiling"] = Math.Round(settings.Leaves / build / hashRate, 3),
            ["build_seconds"] = Math.Round(build, 1),
            ["reopen_seconds"] = Math.Round(reopen, 2),
            ["reopen_used_snapshot"] = opened.SnapshotProblem is null && File.Exists(Path.Combine(directory, "subtrees.dat")),
            ["append_single_fsync_per_s"] = Math.Round(single),
            ["append_batch_size"] = settings.AppendBatch,
            ["append_batch_fsync_entries_per_s"] = Math.Round(batched),
            ["inclusion_proof_us_p50"] = Percentile(inclusion, 0.50),
            ["inclusion_proof_us_p99"] = Percentile(inclusion, 0.99),
            ["inclusion_proof_us_mean"] = Math.Round(inclusion.Average(), 1),
            ["consistency_proof_us_p50"] = Percentile(consistency, 0.50),
            ["consistency_proof_us_p99"] = Percentile(consistency, 0.99),
            ["consistency_proof_us_mean"] = Math.Round(consistency.Average(), 1),
            ["baseline_leaves"] = baselineSize,
            ["baseline_core_list_inclusion_proof_us"] = Math.Round(coreInclusion / settings.BaselineProofs, 1),
            ["baseline_core_list_consistency_proof_us"] = Math.Round(coreConsistency / settings.BaselineProofs, 1),
            ["tlog_inclusion_proof_us_at_baseline_leaves"] = Math.Round(logInclusion / settings.BaselineProofs, 1),
            ["tlog_consistency_proof_us_at_baseline_leaves"] = Math.Round(logConsistency / settings.BaselineProofs, 1),
            ["proofs_verified"] = verified,
        };
    }

    private static LogEntry Entry(long i, DateTimeOffset t0)
    {
        Span<byte> digest = stackalloc byte[32];
        BitConverter.TryWriteBytes(digest, i);
        return new LogEntry((LogEntryKind)(1 + (i % 5)), $"bench-{i:D9}", digest, t0.AddMilliseconds(i));
    }

    /// <summary>Core's <see cref="MerkleTree.LeafHash(ReadOnlySpan{byte}, Span{byte})"/> over the canonical leaves of bench entries, one core, ~1 s.</summary>
    private static double LeafHashRate(DateTimeOffset t0)
    {
        var leaves = Enumerable.Range(0, 4096).Select(i => Entry(i, t0).ToLeafBytes()).ToArray();
        Span<byte> hash = stackalloc byte[32];
        long count = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(1))
        {
            foreach (var leaf in leaves)
            {
                MerkleTree.LeafHash(leaf, hash);
            }

            count += leaves.Length;
        }

        return count / clock.Elapsed.TotalSeconds;
    }

    private static double Time(Func<object> work)
    {
        var start = Stopwatch.GetTimestamp();
        GC.KeepAlive(work());
        return Stopwatch.GetElapsedTime(start).TotalMicroseconds;
    }

    private static double Percentile(double[] sorted, double p) => Math.Round(sorted[(int)Math.Min(sorted.Length - 1, p * sorted.Length)], 1);
}
