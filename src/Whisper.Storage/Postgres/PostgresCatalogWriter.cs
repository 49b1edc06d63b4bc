using Npgsql;

using Whisper.Storage.Catalog;

namespace Whisper.Storage.Postgres;

/// <summary>
/// Catalog upserts on PostgreSQL: one <c>INSERT … ON CONFLICT DO UPDATE</c> per row, sent as pipelined
/// <see cref="NpgsqlBatch"/>es of <see cref="RowsPerRoundTrip"/> rows inside one transaction. Row by row (not one
/// multi-row statement) so a batch that repeats an id behaves as on SQLite: the last copy wins.
/// </summary>
internal sealed class PostgresCatalogWriter(NpgsqlDataSource dataSource, string schema) : ICatalogWriter
{
    private const int RowsPerRoundTrip = 1_000;

    public async Task UpsertAsync<T>(CatalogTable<T> table, IReadOnlyList<T> rows, CancellationToken ct)
        where T : class
    {
        var sql = table.UpsertSql($"\"{schema}\".", static i => "$" + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        var values = new object[table.Columns.Length];
        var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
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
                            var command = new NpgsqlBatchCommand(sql);
                            for (var c = 0; c < values.Length; c++)
                            {
                                command.Parameters.Add(new NpgsqlParameter { Value = values[c] });
                            }

                            batch.BatchCommands.Add(command);
                        }

                        await batch.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                    }
                }

                await transaction.CommitAsync(ct).ConfigureAwait(false);
            }
        }
    }
}
