using System.Collections.Concurrent;

using Whisper.Fork.Chunks;
using Whisper.Fork.Export;
using Whisper.Fork.Keys;
using Whisper.Fork.Manifest;
using Whisper.Fork.Records;
using Whisper.Fork.Scope;
using Whisper.Storage;

namespace Whisper.Fork.Verify;

/// <summary>
/// <c>whisper fork verify</c>: restic's <c>check --read-data</c> for an export plus AWS DMS-style validation of the
/// copy. Proves the manifest (signature, Merkle root), re-hashes chunks (all, or a sample), and compares source and
/// target table by table and partition by partition, naming each row that is missing, extra or changed.
/// </summary>
public sealed class ForkVerifier(IKeyProvider keys)
{
    public int Parallelism { get; init; } = Environment.ProcessorCount;

    public async Task<VerifyReport> VerifyAsync(string repository, VerifyOptions options, IProgress<ForkProgress>? progress = null, CancellationToken ct = default)
    {
        options.Validate();
        var manifest = ManifestFile.Read(repository, keys);
        var (checkedCount, chunkProblems, manifestProblems) = CheckChunks(repository, manifest, options, progress, ct);
        var tables = new List<TableComparison>();
        if (options.Source is { } source && options.Target is { } target)
        {
            foreach (var table in TableSources.All)
            {
                tables.Add(await CompareAsync(source, options.Scope!, target, table, options, ct).ConfigureAwait(false));
                progress?.Report(new ForkProgress("compare", tables.Count, TableSources.All.Count, 0, 0));
            }
        }

        return new VerifyReport
        {
            ExportId = manifest.ExportId,
            ChunksChecked = checkedCount,
            ChunksInManifest = manifest.Chunks.Count,
            ReadData = options.ReadData,
            ChunkProblems = chunkProblems,
            ManifestProblems = manifestProblems,
            Tables = tables,
        };
    }

    private (int Checked, List<ChunkProblem> Problems, List<string> ManifestProblems) CheckChunks(
        string repository, ForkManifest manifest, VerifyOptions options, IProgress<ForkProgress>? progress, CancellationToken ct)
    {
        var opener = new ChunkOpener(keys, new FileChunkStore(repository));
        var random = new Random(options.Seed);
        var chosen = manifest.Chunks.Where(_ => options.SamplePercent >= 100 || random.NextDouble() * 100 < options.SamplePercent).ToList();
        var problems = new ConcurrentBag<ChunkProblem>();
        var digests = new ConcurrentDictionary<ForkTable, DigestBox>();
        var done = 0L;
        Parallel.ForEach(chosen, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = ct }, chunk =>
        {
            try
            {
                if (options.ReadData)
                {
                    var raw = opener.Open(chunk.Sealed);
                    var (table, count, body) = RawChunk.Parse(raw);
                    if (table != chunk.Table || count != chunk.Records)
                    {
                        throw new ChunkIntegrityException(chunk.Id, ChunkCipherFault.ContentMismatch, $"it holds {count} {table} records; the manifest says {chunk.Records} {chunk.Table}");
                    }

                    if (table != ForkTable.Model)
                    {
                        var digest = ChunkDigest(table, count, body);
                        var box = digests.GetOrAdd(table, _ => new DigestBox());
                        lock (box)
                        {
                            box.Value.Add(digest);
                        }
                    }
                }
                else
                {
                    opener.CheckStored(chunk.Sealed);
                }
            }
            catch (Exception e) when (e is ChunkIntegrityException or FileNotFoundException or MissingKeyException or InvalidDataException)
            {
                problems.Add(new ChunkProblem(chunk.Index, chunk.Id, e.Message));
            }

            var n = Interlocked.Increment(ref done);
            progress?.Report(new ForkProgress("verify chunks", n, chosen.Count, 0, 0));
        });

        var manifestProblems = new List<string>();
        if (options.ReadData && chosen.Count == manifest.Chunks.Count && problems.IsEmpty)
        {
            foreach (var table in manifest.Tables)
            {
                var actual = digests.TryGetValue(table.Table, out var box) ? box.Value : default;
                if (actual != ContentDigest.From(table.Records, table.DigestSum))
                {
                    manifestProblems.Add($"table {ForkTables.NameOf(table.Table)}: chunks hold {actual.Count} records with digest {actual.SumHex}; the manifest says {table.Records} with {table.DigestSum}");
                }
            }
        }

        return (chosen.Count, problems.OrderBy(p => p.Index).ToList(), manifestProblems);
    }

    private static ContentDigest ChunkDigest(ForkTable table, int count, ReadOnlyMemory<byte> body)
    {
        var digest = default(ContentDigest);
        RecordVisitor add = (_, content) => digest.Add(content);
        switch (table)
        {
            case ForkTable.Users: RecordDecoder.Visit(RecordCodecs.Users, body.Span, count, add); break;
            case ForkTable.Creators: RecordDecoder.Visit(RecordCodecs.Creators, body.Span, count, add); break;
            case ForkTable.Videos: RecordDecoder.Visit(RecordCodecs.Videos, body.Span, count, add); break;
            case ForkTable.Follows: RecordDecoder.Visit(RecordCodecs.Follows, body.Span, count, add); break;
            case ForkTable.LiveSessions: RecordDecoder.Visit(RecordCodecs.LiveSessions, body.Span, count, add); break;
            case ForkTable.Products: RecordDecoder.Visit(RecordCodecs.Products, body.Span, count, add); break;
            case ForkTable.Orders: RecordDecoder.Visit(RecordCodecs.Orders, body.Span, count, add); break;
            case ForkTable.Events: RecordDecoder.Visit(RecordCodecs.Events, body.Span, count, add); break;
            default: throw new InvalidDataException($"table {table} is not a record table");
        }

        return digest;
    }

    private static async Task<TableComparison> CompareAsync(IWhisperStore source, IExportScope scope, IWhisperStore target, ITableSource table, VerifyOptions options, CancellationToken ct)
    {
        const int PageSize = 5_000;
        var sourceLimit = await source.Events.GetHeadAsync(ct).ConfigureAwait(false);
        var targetLimit = await target.Events.GetHeadAsync(ct).ConfigureAwait(false);
        var (left, _) = await TableDigests.ScanAsync(source, table, scope, sourceLimit, options.Partitions, null, PageSize, ct).ConfigureAwait(false);
        var (right, _) = await TableDigests.ScanAsync(target, table, WholeStoreScope.Instance, targetLimit, options.Partitions, null, PageSize, ct).ConfigureAwait(false);
        var differing = new List<int>();
        for (var p = 0; p < options.Partitions; p++)
        {
            if (left.Partitions[p] != right.Partitions[p])
            {
                differing.Add(p);
            }
        }

        var differences = new List<RecordDifference>();
        long differenceCount = 0;
        if (differing.Count > 0)
        {
            var detail = differing.ToHashSet();
            var (_, sourceRows) = await TableDigests.ScanAsync(source, table, scope, sourceLimit, options.Partitions, detail, PageSize, ct).ConfigureAwait(false);
            var (_, targetRows) = await TableDigests.ScanAsync(target, table, WholeStoreScope.Instance, targetLimit, options.Partitions, detail, PageSize, ct).ConfigureAwait(false);
            foreach (var (key, hash) in sourceRows.OrderBy(r => r.Key))
            {
                var kind = !targetRows.TryGetValue(key, out var other) ? "missing" : other != hash ? "changed" : null;
                Note(kind, key);
            }

            foreach (var key in targetRows.Keys.Where(k => !sourceRows.ContainsKey(k)).Order())
            {
                Note("extra", key);
            }
        }

        return new TableComparison(table.Table, left.Total.Count, right.Total.Count, left.Total.SumHex, right.Total.SumHex, differing, differences, differenceCount);

        void Note(string? kind, RecordKey key)
        {
            if (kind is null)
            {
                return;
            }

            differenceCount++;
            if (differences.Count < options.MaxListedDifferences)
            {
                differences.Add(new RecordDifference(kind, FormatKey(table.Table, key)));
            }
        }
    }

    /// <summary>Events are named by their client event id (the key folds it into two longs); other rows by their key.</summary>
    private static string FormatKey(ForkTable table, RecordKey key)
    {
        if (table != ForkTable.Events)
        {
            return key.ToString();
        }

        Span<byte> bytes = stackalloc byte[16];
        System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(bytes, key.Key1);
        System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(bytes[8..], key.Key2);
        return new Guid(bytes, bigEndian: true).ToString("D");
    }

    private sealed class DigestBox
    {
        public ContentDigest Value;
    }
}
