using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json.Nodes;

using Whisper.Cli.Console;
using Whisper.Fork.Chunks;
using Whisper.Fork.Export;
using Whisper.Fork.Import;
using Whisper.Fork.Keys;
using Whisper.Fork.Manifest;
using Whisper.Fork.Records;
using Whisper.Fork.Scope;
using Whisper.Fork.Verify;
using Whisper.Storage;
using Whisper.World.Generation;

namespace Whisper.Cli.Bench;

/// <summary>
/// Fork throughput. Ceiling from the same run: the platform's own AES-256-GCM plus SHA-256 over 1 MiB buffers on one
/// core — the least work any encrypted, hashed export must do per byte. Measured against it: the chunk pipeline
/// alone (hash, compress, seal, hand to a store) on 1 and 2 cores, and export, import and verify end to end on disk.
/// Bytes are raw record bytes (what the store's rows encode to), so all figures compare like with like.
/// </summary>
public static class ForkBenchmark
{
    private const int CeilingBuffer = 1 << 20;

    public static async Task<JsonObject> RunAsync(WorldOptions world, string workDirectory, IProgress<WorkProgress> progress, CancellationToken ct)
    {
        Directory.CreateDirectory(workDirectory);
        await using var source = await WhisperStores.OpenAsync(new StoreOptions(StoreProvider.Sqlite, Path.Combine(workDirectory, "source.db")), ct).ConfigureAwait(false);
        await WorldWriter.WriteAsync(world, source, Path.Combine(workDirectory, "truth.wgt"), new WorldProgressAdapter(progress), ct).ConfigureAwait(false);
        var keys = FileKeyProvider.Create(Path.Combine(workDirectory, "keys"));
        var forkProgress = new ForkProgressAdapter(progress);

        var ceiling = CeilingBytesPerSecond(TimeSpan.FromSeconds(1.5));
        var (scanRecords, scanBytes, scanSeconds) = await ScanStoreAsync(source, ct).ConfigureAwait(false);

        var export1 = await TimeExportAsync(source, keys, Path.Combine(workDirectory, "repo-1"), 1, forkProgress, ct).ConfigureAwait(false);
        var export2 = await TimeExportAsync(source, keys, Path.Combine(workDirectory, "repo-2"), 2, forkProgress, ct).ConfigureAwait(false);
        var manifest = export1.Manifest;
        var rawBytes = manifest.Chunks.Sum(c => (long)c.RawBytes);
        var records = manifest.Tables.Sum(t => t.Records);

        var raws = ReadRawChunks(keys, Path.Combine(workDirectory, "repo-1"), manifest);
        var pipeline1 = PipelineBytesPerSecond(keys, raws, 1, ChunkCompression.Lz4);
        var pipeline2 = PipelineBytesPerSecond(keys, raws, 2, ChunkCompression.Lz4);
        var plain1 = PipelineBytesPerSecond(keys, raws, 1, ChunkCompression.None);
        var plain2 = PipelineBytesPerSecond(keys, raws, 2, ChunkCompression.None);

        await using var target = await WhisperStores.OpenAsync(new StoreOptions(StoreProvider.Sqlite, Path.Combine(workDirectory, "target.db")), ct).ConfigureAwait(false);
        var clock = Stopwatch.StartNew();
        await new ForkImporter(target, keys) { Parallelism = 2 }.ImportAsync(Path.Combine(workDirectory, "repo-1"), forkProgress, ct).ConfigureAwait(false);
        var import = clock.Elapsed.TotalSeconds;

        clock.Restart();
        var verifyRepo = await new ForkVerifier(keys) { Parallelism = 1 }.VerifyAsync(Path.Combine(workDirectory, "repo-1"), new VerifyOptions(), forkProgress, ct).ConfigureAwait(false);
        var verifyRead = clock.Elapsed.TotalSeconds;
        clock.Restart();
        var verifyStores = await new ForkVerifier(keys).VerifyAsync(
            Path.Combine(workDirectory, "repo-1"),
            new VerifyOptions { ReadData = false, Source = source, Target = target, Scope = WholeStoreScope.Instance },
            forkProgress,
            ct).ConfigureAwait(false);
        var verifyCompare = clock.Elapsed.TotalSeconds;

        return new JsonObject
        {
            ["benchmark"] = "fork",
            ["users"] = world.Users,
            ["videos"] = world.Videos,
            ["days"] = world.Days,
            ["records"] = records,
            ["raw_mb"] = Round(rawBytes / 1e6),
            ["stored_mb"] = Round(manifest.Chunks.Sum(c => (long)c.StoredBytes) / 1e6),
            ["chunks"] = manifest.Chunks.Count,
            ["baseline_aes256gcm_plus_sha256_mb_per_s_1_core"] = Round(ceiling / 1e6),
            ["pipeline_mb_per_s_1_core"] = Round(pipeline1 / 1e6),
            ["pipeline_vs_ceiling_1_core"] = Math.Round(pipeline1 / ceiling, 3),
            ["pipeline_mb_per_s_2_cores"] = Round(pipeline2 / 1e6),
            ["pipeline_scaling_2_vs_1"] = Math.Round(pipeline2 / pipeline1, 2),
            ["pipeline_uncompressed_mb_per_s_1_core"] = Round(plain1 / 1e6),
            ["pipeline_uncompressed_vs_ceiling_1_core"] = Math.Round(plain1 / ceiling, 3),
            ["pipeline_uncompressed_scaling_2_vs_1"] = Math.Round(plain2 / plain1, 2),
            ["export_end_to_end_mb_per_s_1_worker"] = Round(rawBytes / export1.Seconds / 1e6),
            ["export_end_to_end_vs_ceiling_1_worker"] = Math.Round(rawBytes / export1.Seconds / ceiling, 3),
            ["export_end_to_end_mb_per_s_2_workers"] = Round(rawBytes / export2.Seconds / 1e6),
            ["export_records_per_s_1_worker"] = Math.Round(records / export1.Seconds),
            ["baseline_store_scan_records_per_s"] = Math.Round(scanRecords / scanSeconds),
            ["baseline_store_scan_mb_per_s"] = Round(scanBytes / scanSeconds / 1e6),
            ["export_vs_store_scan"] = Math.Round(rawBytes / export1.Seconds / (scanBytes / scanSeconds), 3),
            ["import_mb_per_s"] = Round(rawBytes / import / 1e6),
            ["import_records_per_s"] = Math.Round(records / import),
            ["verify_read_data_mb_per_s_1_core"] = Round(rawBytes / verifyRead / 1e6),
            ["verify_compare_stores_records_per_s"] = Math.Round(2 * records / verifyCompare),
            ["verify_ok"] = verifyRepo.Ok && verifyStores.Ok,
        };
    }

    private static double Round(double value) => Math.Round(value, 1);

    private static async Task<(ForkManifest Manifest, double Seconds)> TimeExportAsync(IWhisperStore source, IKeyProvider keys, string repository, int workers, IProgress<ForkProgress> progress, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var manifest = await new ForkExporter(source, keys, WholeStoreScope.Instance).ExportAsync(
            new ExportOptions { Repository = repository, TargetRegion = "bench", PolicySha256 = "none", Parallelism = workers },
            progress,
            ct).ConfigureAwait(false);
        return (manifest, clock.Elapsed.TotalSeconds);
    }

    /// <summary>Reading and encoding every row the export reads, doing nothing else: the store's own ceiling for an export.</summary>
    private static async Task<(long Records, long Bytes, double Seconds)> ScanStoreAsync(IWhisperStore source, CancellationToken ct)
    {
        var sink = new CountingSink();
        var eventLimit = await source.Events.GetHeadAsync(ct).ConfigureAwait(false);
        var clock = Stopwatch.StartNew();
        foreach (var table in TableSources.All)
        {
            var cursor = default(ScanCursor);
            while (true)
            {
                var (scanned, next) = await table.ReadPageAsync(source, cursor, 5_000, eventLimit, WholeStoreScope.Instance, sink, ct).ConfigureAwait(false);
                if (scanned == 0)
                {
                    break;
                }

                cursor = next;
            }
        }

        return (sink.Records, sink.Bytes, clock.Elapsed.TotalSeconds);
    }

    /// <summary>AES-256-GCM encryption plus a SHA-256 of the same bytes, one thread, 1 MiB at a time.</summary>
    private static double CeilingBytesPerSecond(TimeSpan duration)
    {
        var plain = new byte[CeilingBuffer];
        RandomNumberGenerator.Fill(plain);
        var cipher = new byte[CeilingBuffer];
        var tag = new byte[16];
        var nonce = new byte[12];
        Span<byte> hash = stackalloc byte[32];
        using var aes = new AesGcm(RandomNumberGenerator.GetBytes(32), 16);
        long bytes = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < duration)
        {
            nonce[0]++;
            SHA256.HashData(plain, hash);
            aes.Encrypt(nonce, plain, cipher, tag);
            bytes += plain.Length;
        }

        return bytes / clock.Elapsed.TotalSeconds;
    }

    private static List<byte[]> ReadRawChunks(IKeyProvider keys, string repository, ForkManifest manifest)
    {
        var opener = new ChunkOpener(keys, new FileChunkStore(repository));
        return manifest.Chunks.Select(c => opener.Open(c.Sealed)).ToList();
    }

    /// <summary>Hash, compress and seal every raw chunk on <paramref name="threads"/> threads into a store that keeps nothing.</summary>
    private static double PipelineBytesPerSecond(IKeyProvider keys, List<byte[]> raws, int threads, ChunkCompression compression)
    {
        var sealer = new ChunkSealer(keys, new DiscardingChunkStore(), compression);
        long bytes = raws.Sum(r => (long)r.Length);
        var rounds = Math.Max(1, (int)(256e6 / Math.Max(1, bytes)));
        var clock = Stopwatch.StartNew();
        for (var round = 0; round < rounds; round++)
        {
            Parallel.ForEach(raws, new ParallelOptions { MaxDegreeOfParallelism = threads }, raw => sealer.Seal(raw));
        }

        return bytes * rounds / clock.Elapsed.TotalSeconds;
    }

    private sealed class CountingSink : IRecordSink
    {
        public RecordBuffer Buffer { get; } = new(1 << 16);

        public long Records { get; private set; }

        public long Bytes { get; private set; }

        public void Committed(int start, RecordKey key, ScanCursor cursor)
        {
            Records++;
            Bytes += Buffer.Length - start;
            Buffer.Clear();
        }
    }

    /// <summary>Accepts and forgets chunks, so the pipeline figure excludes the disk.</summary>
    private sealed class DiscardingChunkStore : IChunkStore
    {
        public bool Contains(string chunkId) => false;

        public void Write(string chunkId, ReadOnlySpan<byte> sealedChunk)
        {
        }

        public byte[] Read(string chunkId) => throw new FileNotFoundException(chunkId);

        public IEnumerable<string> List() => [];

        public void Delete(string chunkId)
        {
        }
    }
}
