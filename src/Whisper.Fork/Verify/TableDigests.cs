using Whisper.Fork.Export;
using Whisper.Fork.Records;
using Whisper.Fork.Scope;
using Whisper.Storage;

namespace Whisper.Fork.Verify;

/// <summary>One table's rows split into hash partitions, each with its <see cref="ContentDigest"/>.</summary>
public sealed class TableDigests(ForkTable table, int partitions)
{
    public ForkTable Table { get; } = table;

    public ContentDigest[] Partitions { get; } = new ContentDigest[partitions];

    public ContentDigest Total
    {
        get
        {
            var total = default(ContentDigest);
            foreach (var p in Partitions)
            {
                total.Add(p);
            }

            return total;
        }
    }

    public static int PartitionOf(RecordKey key, int partitions)
    {
        // Fibonacci hashing of both key halves: spreads sequential ids evenly.
        var mixed = (ulong)key.Key1 * 0x9E3779B97F4A7C15UL ^ (ulong)key.Key2 * 0xC2B2AE3D27D4EB4FUL;
        return (int)((mixed >> 32) % (uint)partitions);
    }

    /// <summary>
    /// Scans one table of <paramref name="store"/> (rows <paramref name="scope"/> keeps; events up to
    /// <paramref name="eventLimit"/>). With <paramref name="detailPartitions"/>, also returns every record's hash in
    /// those partitions so differences can be named key by key.
    /// </summary>
    public static async Task<(TableDigests Digests, Dictionary<RecordKey, UInt128> Details)> ScanAsync(
        IWhisperStore store, ITableSource source, IExportScope scope, long eventLimit, int partitions,
        IReadOnlySet<int>? detailPartitions, int pageSize, CancellationToken ct)
    {
        var sink = new DigestSink(new TableDigests(source.Table, partitions), RecordCodecInfo.Of(source.Table).ContentOffset, detailPartitions);
        var cursor = default(ScanCursor);
        while (true)
        {
            var (scanned, next) = await source.ReadPageAsync(store, cursor, pageSize, eventLimit, scope, sink, ct).ConfigureAwait(false);
            if (scanned == 0)
            {
                return (sink.Digests, sink.Details);
            }

            cursor = next;
        }
    }

    private sealed class DigestSink(TableDigests digests, int contentOffset, IReadOnlySet<int>? detailPartitions) : IRecordSink
    {
        public TableDigests Digests { get; } = digests;

        public Dictionary<RecordKey, UInt128> Details { get; } = [];

        public RecordBuffer Buffer { get; } = new(64 * 1024);

        public void Committed(int start, RecordKey key, ScanCursor cursor)
        {
            var hash = ContentDigest.HashOf(Buffer.WrittenSpan[(start + contentOffset)..]);
            var partition = PartitionOf(key, Digests.Partitions.Length);
            Digests.Partitions[partition].Add(hash);
            if (detailPartitions is not null && detailPartitions.Contains(partition))
            {
                Details[key] = hash;
            }

            Buffer.Clear();
        }
    }
}
