using System.Buffers.Binary;
using System.Security.Cryptography;

using Whisper.Fork.Export;
using Whisper.Fork.Records;
using Whisper.Storage;

namespace Whisper.Fork.Purge;

/// <summary>Scans a store through the same table sources export uses and measures what <see cref="PurgeScope"/> includes (<see cref="PurgePlan"/>).</summary>
public static class PurgePlanner
{
    private const int PageSize = 10_000;

    public static async Task<PurgePlan> PlanAsync(IWhisperStore store, PurgeScope scope, IProgress<ForkProgress>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(scope);
        var eventHead = await store.Events.GetHeadAsync(ct).ConfigureAwait(false);
        var changeHead = await store.Catalog.GetChangeHeadAsync(ct).ConfigureAwait(false);
        var tables = new List<PurgeTable>();
        var videos = new List<long>();
        foreach (var source in TableSources.All)
        {
            using var sink = new MeasuringSink(source.Table == ForkTable.Events ? RecordCodecs.Events.ContentOffset : 0);
            var total = await source.CountAsync(store, eventHead, ct).ConfigureAwait(false);
            var cursor = new ScanCursor(0, 0);
            long done = 0;
            while (true)
            {
                sink.Buffer.Clear();
                var (scanned, next) = await source.ReadPageAsync(store, cursor, PageSize, eventHead, scope, sink, ct).ConfigureAwait(false);
                if (scanned == 0)
                {
                    break;
                }

                if (source.Table == ForkTable.Videos)
                {
                    videos.AddRange(sink.Keys);
                }

                sink.Keys.Clear();
                cursor = next;
                done += scanned;
                progress?.Report(new ForkProgress("plan " + ForkTables.NameOf(source.Table), done, total, sink.Digest.Count, 0));
            }

            tables.Add(new PurgeTable(ForkTables.NameOf(source.Table), sink.Digest.Count, sink.Digest.SumHex, sink.Sha256()));
        }

        return new PurgePlan(eventHead, changeHead, tables, videos);
    }

    /// <summary>Hashes each included record's content as it is encoded, and remembers the page's keys.</summary>
    private sealed class MeasuringSink(int contentOffset) : IRecordSink, IDisposable
    {
        private readonly IncrementalHash _sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        private ContentDigest _digest;

        public RecordBuffer Buffer { get; } = new(1 << 20);

        public List<long> Keys { get; } = [];

        public ContentDigest Digest => _digest;

        public void Committed(int start, RecordKey key, ScanCursor cursor)
        {
            var content = Buffer.WrittenSpan[(start + contentOffset)..];
            Span<byte> length = stackalloc byte[4];
            BinaryPrimitives.WriteInt32LittleEndian(length, content.Length);
            _sha.AppendData(length);
            _sha.AppendData(content);
            _digest.Add(content);
            Keys.Add(key.Key1);
        }

        public string Sha256() => Convert.ToHexStringLower(_sha.GetHashAndReset());

        public void Dispose() => _sha.Dispose();
    }
}
