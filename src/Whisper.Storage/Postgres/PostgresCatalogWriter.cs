using Npgsql;

using Whisper.Storage.Catalog;

namespace Whisper.Storage.Postgres;

/// <summary>
/// Catalog upserts on PostgreSQL: one <c>INSERT … ON CONFLICT DO UPDATE</c> per row, sent as pipelined
/// <see cref="NpgsqlBatch"/>es of <see cref="RowsPerRoundTrip"/> rows inside one transaction. Row by row (not one
/// multi-row statement) so a batch that repeats an id behaves as on SQLite: the last copy wins.
/// The change-feed rows ride on the last round trip: <c>pg_advisory_xact_lock</c> on the schema's change key, then one
/// <c>INSERT … SELECT unnest(…) WITH ORDINALITY</c> numbering the whole batch head+1.. in batch order, then the commit
/// releases the lock — the event log's technique, so changes commit in sequence order. The lock is taken after the
/// upserts, so concurrent upserts only queue for the change insert and the commit, not for their rows.
/// </summary>
internal sealed class PostgresCatalogWriter : ICatalogWriter
{
    private const int RowsPerRoundTrip = 1_000;

    private readonly NpgsqlDataSource _dataSource;
    private readonly string _schema;
    private readonly long _lockKey;
    private readonly string _changesSql;

    public PostgresCatalogWriter(NpgsqlDataSource dataSource, string schema)
    {
        _dataSource = dataSource;
        _schema = schema;
        _lockKey = PostgresSchema.LockKey("catalog_changes", schema);

        // No ON CONFLICT, as in the event log: under the lock nobody else can number a change, and if that reasoning
        // were ever broken, failing the upsert beats leaving a gap. The head is read by this statement, after the
        // lock statement returned, so its READ COMMITTED snapshot sees every change committed before.
        _changesSql = $"""
            INSERT INTO "{schema}".catalog_changes (sequence, table_kind, key1, key2)
            SELECT head.h + u.ord, $1, u.key1, u.key2
            FROM unnest($2::bigint[], $3::bigint[]) WITH ORDINALITY AS u(key1, key2, ord)
                 CROSS JOIN (SELECT coalesce(max(sequence), 0) AS h FROM "{schema}".catalog_changes) AS head
            ORDER BY u.ord
            """;
    }

    public Action? BeforeCommit { get; set; }

    public async Task UpsertAsync<T>(CatalogTable<T> table, IReadOnlyList<T> rows, CancellationToken ct)
        where T : class
    {
        var sql = table.UpsertSql($"\"{_schema}\".", static i => "$" + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        var values = new object[table.Columns.Length];
        var keys1 = new long[rows.Count];
        var keys2 = new long[rows.Count];
        var connection = await _dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                for (var start = 0; start < rows.Count; start += RowsPerRoundTrip)
                {
                    var batch = new NpgsqlBatch(connection, transaction);
                    await using (batch.ConfigureAwait(false))
                    {
                        var end = Math.Min(rows.Count, start + RowsPerRoundTrip);
                        for (var i = start; i < end; i++)
                        {
                            table.Write(rows[i], values);
                            (keys1[i], keys2[i]) = table.KeysOf(values);
                            var command = new NpgsqlBatchCommand(sql);
                            for (var c = 0; c < values.Length; c++)
                            {
                                command.Parameters.Add(new NpgsqlParameter { Value = values[c] });
                            }

                            batch.BatchCommands.Add(command);
                        }

                        if (end == rows.Count)
                        {
                            batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT pg_advisory_xact_lock($1)") { Parameters = { new() { Value = _lockKey } } });
                            batch.BatchCommands.Add(new NpgsqlBatchCommand(_changesSql)
                            {
                                Parameters =
                                {
                                    new() { Value = (short)table.Kind },
                                    new() { Value = keys1 },
                                    new() { Value = keys2 },
                                },
                            });
                        }

                        await batch.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                    }
                }

                BeforeCommit?.Invoke();
                ct.ThrowIfCancellationRequested();
                await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
    }
}
