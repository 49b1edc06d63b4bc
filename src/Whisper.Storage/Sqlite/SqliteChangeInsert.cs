using Microsoft.Data.Sqlite;

using SQLitePCL;

namespace Whisper.Storage.Sqlite;

/// <summary>
/// The catalog change feed's insert as one raw prepared <c>sqlite3_stmt</c> on the write connection, for the same
/// reason as <see cref="SqliteEventInsert"/>: it runs once per upserted catalog row, and bind/step/reset costs a
/// fraction of a <see cref="SqliteCommand.ExecuteNonQuery"/> and allocates nothing. No <c>ON CONFLICT</c>: the
/// writer numbers rows from the head it read in the same transaction, so a conflict means that reasoning broke,
/// and failing the upsert beats a gap or a reordering in the feed.
/// </summary>
internal sealed class SqliteChangeInsert : IDisposable
{
    private const string Sql = "INSERT INTO catalog_changes (sequence, table_kind, key1, key2) VALUES (?1, ?2, ?3, ?4)";

    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;

    public SqliteChangeInsert(SqliteConnection connection)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("The write connection is not open.");
        var rc = raw.sqlite3_prepare_v2(_db, Sql, out _statement);
        SqliteException.ThrowExceptionForRC(rc, _db);
    }

    public void Insert(long sequence, CatalogTableKind table, long key1, long key2)
    {
        raw.sqlite3_bind_int64(_statement, 1, sequence);
        raw.sqlite3_bind_int(_statement, 2, (int)table);
        raw.sqlite3_bind_int64(_statement, 3, key1);
        raw.sqlite3_bind_int64(_statement, 4, key2);
        var rc = raw.sqlite3_step(_statement);
        if (rc != raw.SQLITE_DONE)
        {
            var error = new SqliteException(
                $"SQLite Error {rc}: '{raw.sqlite3_errmsg(_db).utf8_to_string()}'.", rc, raw.sqlite3_extended_errcode(_db));
            raw.sqlite3_reset(_statement);
            throw error;
        }

        raw.sqlite3_reset(_statement);
    }

    public void Dispose() => _statement.Dispose();
}
