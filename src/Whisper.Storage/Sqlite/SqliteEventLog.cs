using Microsoft.Data.Sqlite;

using Whisper.Core.Domain;
using Whisper.Storage.Events;

namespace Whisper.Storage.Sqlite;

/// <summary>
/// The sequenced event log on SQLite. An append validates the whole batch, then, alone on the writer, reads the
/// head inside its IMMEDIATE transaction and inserts row by row with one prepared statement
/// (<see cref="SqliteEventInsert"/>); a row takes the next sequence only when
/// <c>ON CONFLICT (client_event_id) DO NOTHING</c> actually inserted it, so sequences stay dense.
/// Reading the head per batch (one B-tree seek) instead of caching it keeps the log correct even if a second
/// process appends to the same file, and leaves nothing in memory to restore after a rollback.
/// </summary>
internal sealed class SqliteEventLog(SqliteWriter writer, EventQueries queries) : IEventLog, IAppendFaultHook
{
    private static readonly string HeadSql = EventQueries.HeadSql(string.Empty);

    public Action? BeforeCommit { get; set; }

    public Task<AppendResult> AppendAsync(IReadOnlyList<EngagementEvent> batch, CancellationToken cancellationToken = default)
    {
        EventBatches.Validate(batch);
        if (batch.Count == 0)
        {
            return Task.FromResult(default(AppendResult));
        }

        return writer.RunAsync((Log: this, Batch: batch), static (w, state, transaction, ct) => state.Log.Write(w, state.Batch, transaction, ct), cancellationToken);
    }

    public Task<int> ReadAsync(long afterPosition, int maxCount, List<LoggedEvent> into, CancellationToken cancellationToken = default) =>
        queries.ReadAsync(afterPosition, maxCount, into, cancellationToken);

    public Task<long> GetHeadAsync(CancellationToken cancellationToken = default) => queries.GetHeadAsync(cancellationToken);

    private AppendResult Write(SqliteWriter w, IReadOnlyList<EngagementEvent> batch, SqliteTransaction transaction, CancellationToken ct)
    {
        var head = (long)w.Prepared(HeadSql, 0, transaction).ExecuteScalar()!;
        var insert = w.Resource(nameof(SqliteEventInsert), 0, static (connection, _) => new SqliteEventInsert(connection));
        var next = head + 1;
        for (var i = 0; i < batch.Count; i++)
        {
            if ((i & 255) == 0)
            {
                ct.ThrowIfCancellationRequested();
            }

            if (insert.TryInsert(next, batch[i]))
            {
                next++;
            }
        }

        BeforeCommit?.Invoke();
        ct.ThrowIfCancellationRequested();
        return EventBatches.Result(batch.Count, (int)(next - head - 1), head);
    }
}
