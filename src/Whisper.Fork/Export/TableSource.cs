using Whisper.Core.Domain;
using Whisper.Fork.Records;
using Whisper.Fork.Scope;
using Whisper.Storage;

namespace Whisper.Fork.Export;

/// <summary>A position in a table's scan: the key of the last row read (for events, its sequence in Key1).</summary>
public readonly record struct ScanCursor(long A, long B);

/// <summary>
/// One exportable table: how to page through it in key order from a cursor, which rows the scope keeps, how to
/// encode them. The same sources serve export (scan the source) and verification (scan either side).
/// </summary>
public interface ITableSource
{
    ForkTable Table { get; }

    /// <summary>Rows in the table (before scoping), for progress; events count up to the snapshot position.</summary>
    Task<long> CountAsync(IWhisperStore store, long eventLimit, CancellationToken ct);

    /// <summary>
    /// Reads the next page after <paramref name="after"/>; encodes each row the scope keeps into the sink.
    /// Returns rows scanned (0 at the end of the table) and the cursor after the page.
    /// </summary>
    Task<(int Scanned, ScanCursor Next)> ReadPageAsync(IWhisperStore store, ScanCursor after, int pageSize, long eventLimit, IExportScope scope, IRecordSink sink, CancellationToken ct);
}

/// <summary>Receives encoded rows: <see cref="Buffer"/> to write into, then <see cref="Committed"/> once the row is complete.</summary>
public interface IRecordSink
{
    RecordBuffer Buffer { get; }

    /// <summary>The row just written started at <paramref name="start"/>; <paramref name="cursor"/> resumes after it.</summary>
    void Committed(int start, RecordKey key, ScanCursor cursor);
}

/// <summary>The record tables a fork carries, in export order.</summary>
public static class TableSources
{
    public static IReadOnlyList<ITableSource> All { get; } =
    [
        new Catalog<User>(RecordCodecs.Users, static (s, c, n, ct) => s.Catalog.ListUsersAsync(c.A, n, ct), static (x, u) => x.Includes(u), static c => c.Users),
        new Catalog<Creator>(RecordCodecs.Creators, static (s, c, n, ct) => s.Catalog.ListCreatorsAsync(c.A, n, ct), static (x, r) => x.Includes(r), static c => c.Creators),
        new Catalog<Video>(RecordCodecs.Videos, static (s, c, n, ct) => s.Catalog.ListVideosAsync(c.A, n, ct), static (x, r) => x.Includes(r), static c => c.Videos),
        new Catalog<Follow>(RecordCodecs.Follows, static (s, c, n, ct) => s.Catalog.ListFollowsPageAsync(c.A, c.B, n, ct), static (x, r) => x.Includes(r), static c => c.Follows),
        new Catalog<LiveSession>(RecordCodecs.LiveSessions, static (s, c, n, ct) => s.Catalog.ListLiveSessionsAsync(c.A, n, ct), static (x, r) => x.Includes(r), static c => c.LiveSessions),
        new Catalog<Product>(RecordCodecs.Products, static (s, c, n, ct) => s.Catalog.ListProductsAsync(c.A, n, ct), static (x, r) => x.Includes(r), static c => c.Products),
        new Catalog<Order>(RecordCodecs.Orders, static (s, c, n, ct) => s.Catalog.ListOrdersAsync(c.A, n, ct), static (x, r) => x.Includes(r), static c => c.Orders),
        new EventSource(),
    ];

    public static ITableSource Of(ForkTable table) => All.First(s => s.Table == table);

    private sealed class Catalog<T>(
        RecordCodec<T> codec,
        Func<IWhisperStore, ScanCursor, int, CancellationToken, Task<IReadOnlyList<T>>> page,
        Func<IExportScope, T, bool> includes,
        Func<CatalogCounts, long> count) : ITableSource
    {
        public ForkTable Table => codec.Table;

        public async Task<long> CountAsync(IWhisperStore store, long eventLimit, CancellationToken ct) =>
            count(await store.Catalog.CountAsync(ct).ConfigureAwait(false));

        public async Task<(int Scanned, ScanCursor Next)> ReadPageAsync(IWhisperStore store, ScanCursor after, int pageSize, long eventLimit, IExportScope scope, IRecordSink sink, CancellationToken ct)
        {
            var rows = await page(store, after, pageSize, ct).ConfigureAwait(false);
            var cursor = after;
            foreach (var row in rows)
            {
                var key = codec.KeyOf(row);
                cursor = new ScanCursor(key.Key1, key.Key2);
                if (includes(scope, row))
                {
                    var start = sink.Buffer.Length;
                    codec.Write(sink.Buffer, row);
                    sink.Committed(start, key, cursor);
                }
            }

            return (rows.Count, cursor);
        }
    }

    private sealed class EventSource : ITableSource
    {
        public ForkTable Table => ForkTable.Events;

        public Task<long> CountAsync(IWhisperStore store, long eventLimit, CancellationToken ct) => Task.FromResult(eventLimit);

        public async Task<(int Scanned, ScanCursor Next)> ReadPageAsync(IWhisperStore store, ScanCursor after, int pageSize, long eventLimit, IExportScope scope, IRecordSink sink, CancellationToken ct)
        {
            var remaining = eventLimit - after.A;
            if (remaining <= 0)
            {
                return (0, after);
            }

            var events = new List<LoggedEvent>((int)Math.Min(pageSize, remaining));
            await store.Events.ReadAsync(after.A, (int)Math.Min(pageSize, remaining), events, ct).ConfigureAwait(false);
            var cursor = after;
            foreach (var logged in events)
            {
                cursor = new ScanCursor(logged.Sequence, 0);
                if (scope.Includes(logged.Event))
                {
                    var start = sink.Buffer.Length;
                    RecordCodecs.Events.Write(sink.Buffer, logged);
                    sink.Committed(start, RecordCodecs.Events.KeyOf(logged), cursor);
                }
            }

            return (events.Count, cursor);
        }
    }
}
