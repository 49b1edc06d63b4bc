using Whisper.Storage.Catalog;

namespace Whisper.Storage.Sqlite;

/// <summary>Catalog upserts on the store's single writer: one prepared <c>INSERT … ON CONFLICT DO UPDATE</c> per table, run per row in one transaction.</summary>
internal sealed class SqliteCatalogWriter(SqliteWriter writer) : ICatalogWriter
{
    public Task UpsertAsync<T>(CatalogTable<T> table, IReadOnlyList<T> rows, CancellationToken ct)
        where T : class =>
        writer.RunAsync(
            (table, rows),
            static (w, state, transaction, ct) =>
            {
                var (table, rows) = state;
                var command = w.Prepared(table.UpsertSql(string.Empty, static i => "$p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)), table.Columns.Length, transaction);
                var values = new object[table.Columns.Length];
                for (var i = 0; i < rows.Count; i++)
                {
                    ct.ThrowIfCancellationRequested();
                    table.Write(rows[i], values);
                    for (var c = 0; c < values.Length; c++)
                    {
                        command.Parameters[c].Value = values[c];
                    }

                    command.ExecuteNonQuery();
                }

                return true;
            },
            ct);
}
