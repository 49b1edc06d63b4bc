using Npgsql;

using Whisper.Core.Domain;
using Whisper.Storage.Events;

namespace Whisper.Storage.Postgres;

/// <summary>
/// The sequenced event log on PostgreSQL. Sequences must be assigned in commit order or a reader at position p
/// could later find a row below p committed by a slower transaction; so each append takes
/// <c>pg_advisory_xact_lock</c> on a key derived from the schema, reads the head, and numbers its new rows
/// head+1.. before committing (the lock is released by the commit). The batch travels as seven binary arrays
/// in one statement (<c>unnest … WITH ORDINALITY</c>): no per-row round trips and no temp table to create,
/// which a pooled connection's reset would otherwise drop every time.
/// </summary>
internal sealed class PostgresEventLog : IEventLog, IAppendFaultHook
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly EventQueries _queries;
    private readonly long _lockKey;
    private readonly string _appendSql;

    public PostgresEventLog(NpgsqlDataSource dataSource, string schema, EventQueries queries)
    {
        _dataSource = dataSource;
        _queries = queries;
        _lockKey = PostgresSchema.LockKey("events", schema);

        // DISTINCT ON keeps the first copy of an id repeated inside the batch; NOT EXISTS drops ids already stored,
        // and under the lock nobody else can insert one meanwhile, so row_number() gives dense sequences. No
        // ON CONFLICT clause on purpose: if that reasoning were ever broken, failing beats leaving a gap.
        _appendSql = $"""
            WITH incoming AS (
                SELECT DISTINCT ON (u.client_event_id) u.*
                FROM unnest($1::uuid[], $2::bigint[], $3::bigint[], $4::smallint[], $5::bigint[], $6::integer[], $7::bigint[]) WITH ORDINALITY
                     AS u(client_event_id, user_id, video_id, kind, occurred_at, watch_time_ms, product_id, ord)
                ORDER BY u.client_event_id, u.ord),
            fresh AS (
                SELECT i.*, row_number() OVER (ORDER BY i.ord) AS rn
                FROM incoming i
                WHERE NOT EXISTS (SELECT 1 FROM "{schema}".events e WHERE e.client_event_id = i.client_event_id)),
            head AS ({EventQueries.HeadSql($"\"{schema}\".")} AS h),
            inserted AS (
                INSERT INTO "{schema}".events (sequence, client_event_id, user_id, video_id, kind, occurred_at, watch_time_ms, product_id)
                SELECT head.h + fresh.rn, fresh.client_event_id, fresh.user_id, fresh.video_id, fresh.kind, fresh.occurred_at, fresh.watch_time_ms, fresh.product_id
                FROM fresh CROSS JOIN head
                ORDER BY fresh.rn
                RETURNING sequence)
            SELECT count(*)::integer, coalesce(min(sequence), 0), (SELECT h FROM head) FROM inserted
            """;
    }

    public Action? BeforeCommit { get; set; }

    public async Task<AppendResult> AppendAsync(IReadOnlyList<EngagementEvent> batch, CancellationToken cancellationToken = default)
    {
        EventBatches.Validate(batch);
        if (batch.Count == 0)
        {
            return default;
        }

        var n = batch.Count;
        var ids = new Guid[n];
        var users = new long[n];
        var videos = new long[n];
        var kinds = new short[n];
        var times = new long[n];
        var watch = new int[n];
        var products = new long[n];
        for (var i = 0; i < n; i++)
        {
            var e = batch[i];
            ids[i] = e.ClientEventId;
            users[i] = e.UserId;
            videos[i] = e.VideoId;
            kinds[i] = (short)e.Kind;
            times[i] = e.OccurredAt.ToUnixTimeMilliseconds();
            watch[i] = e.WatchTimeMs;
            products[i] = e.ProductId;
        }

        var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                var sql = new NpgsqlBatch(connection, transaction);
                await using (sql.ConfigureAwait(false))
                {
                    sql.BatchCommands.Add(new NpgsqlBatchCommand("SELECT pg_advisory_xact_lock($1)") { Parameters = { new() { Value = _lockKey } } });
                    sql.BatchCommands.Add(new NpgsqlBatchCommand(_appendSql)
                    {
                        Parameters =
                        {
                            new() { Value = ids },
                            new() { Value = users },
                            new() { Value = videos },
                            new() { Value = kinds },
                            new() { Value = times },
                            new() { Value = watch },
                            new() { Value = products },
                        },
                    });

                    int appended;
                    long head;
                    var reader = await sql.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                    await using (reader.ConfigureAwait(false))
                    {
                        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
                        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                        appended = reader.GetInt32(0);
                        head = reader.GetInt64(2);
                    }

                    BeforeCommit?.Invoke();
                    cancellationToken.ThrowIfCancellationRequested();
                    await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
                    return EventBatches.Result(n, appended, head);
                }
            }
        }
    }

    public Task<int> ReadAsync(long afterPosition, int maxCount, List<LoggedEvent> into, CancellationToken cancellationToken = default) =>
        _queries.ReadAsync(afterPosition, maxCount, into, cancellationToken);

    public Task<long> GetHeadAsync(CancellationToken cancellationToken = default) => _queries.GetHeadAsync(cancellationToken);
}
