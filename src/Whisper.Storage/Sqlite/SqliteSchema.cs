using Microsoft.Data.Sqlite;

namespace Whisper.Storage.Sqlite;

/// <summary>
/// The SQLite schema (see docs/storage.md). <c>PRAGMA user_version</c> holds <see cref="Version"/>; a file with a
/// higher version was written by a newer Whisper and is refused rather than guessed at. An older file is brought up
/// to date one version step at a time, each step being the script that version added; keep old steps unchanged.
/// </summary>
internal static class SqliteSchema
{
    public const int Version = 3;

    private const string CreateV1 = """
        CREATE TABLE IF NOT EXISTS events (
            sequence        INTEGER PRIMARY KEY,
            client_event_id BLOB    NOT NULL UNIQUE,
            user_id         INTEGER NOT NULL,
            video_id        INTEGER NOT NULL,
            kind            INTEGER NOT NULL,
            occurred_at     INTEGER NOT NULL,
            watch_time_ms   INTEGER NOT NULL,
            product_id      INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS users (
            id                INTEGER PRIMARY KEY,
            handle            TEXT    NOT NULL,
            declared_country  TEXT    NOT NULL,
            signup_ip         TEXT    NOT NULL,
            phone_country     TEXT    NOT NULL,
            residence_country TEXT    NOT NULL,
            created_at        INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS creators (
            id           INTEGER PRIMARY KEY,
            user_id      INTEGER NOT NULL,
            display_name TEXT    NOT NULL,
            home_country TEXT    NOT NULL,
            created_at   INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS videos (
            id            INTEGER PRIMARY KEY,
            creator_id    INTEGER NOT NULL,
            duration_ms   INTEGER NOT NULL,
            created_at    INTEGER NOT NULL,
            hashtags      TEXT    NOT NULL,
            language      TEXT    NOT NULL,
            origin_region TEXT    NOT NULL);
        CREATE INDEX IF NOT EXISTS videos_by_creator ON videos (creator_id, id);
        CREATE TABLE IF NOT EXISTS follows (
            follower_id INTEGER NOT NULL,
            creator_id  INTEGER NOT NULL,
            created_at  INTEGER NOT NULL,
            PRIMARY KEY (follower_id, creator_id)) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS live_sessions (
            id           INTEGER PRIMARY KEY,
            creator_id   INTEGER NOT NULL,
            started_at   INTEGER NOT NULL,
            ended_at     INTEGER NULL,
            peak_viewers INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS products (
            id          INTEGER PRIMARY KEY,
            creator_id  INTEGER NOT NULL,
            title       TEXT    NOT NULL,
            price_minor INTEGER NOT NULL,
            currency    TEXT    NOT NULL);
        CREATE TABLE IF NOT EXISTS orders (
            id              INTEGER PRIMARY KEY,
            user_id         INTEGER NOT NULL,
            product_id      INTEGER NOT NULL,
            quantity        INTEGER NOT NULL,
            total_minor     INTEGER NOT NULL,
            currency        TEXT    NOT NULL,
            billing_country TEXT    NOT NULL,
            placed_at       INTEGER NOT NULL);
        PRAGMA user_version = 1;
        """;

    /// <summary>Version 2: the catalog change feed, backfilled with one change per row a version-1 file already holds.</summary>
    private static readonly string CreateV2 = $"""
        CREATE TABLE catalog_changes (
            sequence   INTEGER PRIMARY KEY,
            table_kind INTEGER NOT NULL,
            key1       INTEGER NOT NULL,
            key2       INTEGER NOT NULL);
        {Catalog.CatalogChangeFeed.BackfillSql(string.Empty)};
        PRAGMA user_version = 2;
        """;

    /// <summary>
    /// Version 3: the event log's floor, the highest sequence ever stored once an erasure (docs/purge.md) deleted the
    /// event at the head, so the head never moves back and new events never reuse a sequence a reader has passed.
    /// </summary>
    private const string CreateV3 = """
        CREATE TABLE event_log_floor (
            id   INTEGER PRIMARY KEY CHECK (id = 1),
            head INTEGER NOT NULL);
        PRAGMA user_version = 3;
        """;

    /// <summary>Creates or checks the schema inside one IMMEDIATE transaction, so two processes opening at once agree.</summary>
    public static void Migrate(SqliteConnection connection)
    {
        using var transaction = connection.BeginTransaction(deferred: false);
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "PRAGMA user_version";
        var version = Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        if (version > Version)
        {
            throw new NotSupportedException(
                $"The SQLite store {connection.DataSource} has schema version {version}, newer than this build supports ({Version}); open it with a newer Whisper.");
        }

        if (version < 1)
        {
            command.CommandText = CreateV1;
            command.ExecuteNonQuery();
        }

        if (version < 2)
        {
            command.CommandText = CreateV2;
            command.ExecuteNonQuery();
        }

        if (version < 3)
        {
            command.CommandText = CreateV3;
            command.ExecuteNonQuery();
        }

        transaction.Commit();
    }
}
