using Microsoft.Data.Sqlite;

using Whisper.Storage.Catalog;

namespace Whisper.Storage.Sqlite;

/// <summary>
/// Catalog upserts on the store's single writer: one prepared <c>INSERT … ON CONFLICT DO UPDATE</c> per table, run per
/// row in one transaction, each row followed by its change-feed row (<see cref="SqliteChangeInsert"/>) numbered from
/// the head read in the same IMMEDIATE transaction. The writer serialises every write in the process and
/// <c>BEGIN IMMEDIATE</c> every other process, so changes commit in sequence order; reading the head per batch (one
/// B-tree seek) rather than caching it keeps that true with a second process on the file and after a rollback.
/// </summary>
internal sealed class SqliteCatalogWriter(SqliteWriter writer) : ICatalogWriter
{
    private static readonly string HeadSql = CatalogChangeFeed.HeadSql(string.Empty);

    public Action? BeforeCommit { get; set; }

    public Task UpsertAsync<T>(CatalogTable<T> table, IReadOnlyList<T> rows, CancellationToken ct)
        where T : class =>
        writer.RunAsync((Writer: this, Table: table, Rows: rows), static (w, state, transaction, ct) => state.Writer.Write(w, state.Table, state.Rows, transaction, ct), ct);

    private bool Write<T>(SqliteWriter w, CatalogTable<T> table, IReadOnlyList<T> rows, SqliteTransaction transaction, CancellationToken ct)
        where T : class
    {
        var command = w.Prepared(table.UpsertSql(string.Empty, static i => "$p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)), table.Columns.Length, transaction);
        var changes = w.Resource(nameof(SqliteChangeInsert), 0, static (connection, _) => new SqliteChangeInsert(connection));
        var next = (long)w.Prepared(HeadSql, 0, transaction).ExecuteScalar()! + 1;
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
            var (key1, key2) = table.KeysOf(values);
            changes.Insert(next++, table.Kind, key1, key2);
        }

        BeforeCommit?.Invoke();
        ct.ThrowIfCancellationRequested();
        return true;
    }
}
