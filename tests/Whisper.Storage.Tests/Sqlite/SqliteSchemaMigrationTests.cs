using Microsoft.Data.Sqlite;

using Whisper.Core.Domain;
using Whisper.Storage.Tests.Infrastructure;

namespace Whisper.Storage.Tests.Sqlite;

public sealed class SqliteSchemaMigrationTests
{
    /// <summary>The version-1 schema as the first release wrote it (frozen here on purpose: it must not follow the code).</summary>
    private const string VersionOneSchema = """
        CREATE TABLE events (sequence INTEGER PRIMARY KEY, client_event_id BLOB NOT NULL UNIQUE, user_id INTEGER NOT NULL,
            video_id INTEGER NOT NULL, kind INTEGER NOT NULL, occurred_at INTEGER NOT NULL, watch_time_ms INTEGER NOT NULL, product_id INTEGER NOT NULL);
        CREATE TABLE users (id INTEGER PRIMARY KEY, handle TEXT NOT NULL, declared_country TEXT NOT NULL, signup_ip TEXT NOT NULL,
            phone_country TEXT NOT NULL, residence_country TEXT NOT NULL, created_at INTEGER NOT NULL);
        CREATE TABLE creators (id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL, display_name TEXT NOT NULL, home_country TEXT NOT NULL, created_at INTEGER NOT NULL);
        CREATE TABLE videos (id INTEGER PRIMARY KEY, creator_id INTEGER NOT NULL, duration_ms INTEGER NOT NULL, created_at INTEGER NOT NULL,
            hashtags TEXT NOT NULL, language TEXT NOT NULL, origin_region TEXT NOT NULL);
        CREATE INDEX videos_by_creator ON videos (creator_id, id);
        CREATE TABLE follows (follower_id INTEGER NOT NULL, creator_id INTEGER NOT NULL, created_at INTEGER NOT NULL,
            PRIMARY KEY (follower_id, creator_id)) WITHOUT ROWID;
        CREATE TABLE live_sessions (id INTEGER PRIMARY KEY, creator_id INTEGER NOT NULL, started_at INTEGER NOT NULL, ended_at INTEGER NULL, peak_viewers INTEGER NOT NULL);
        CREATE TABLE products (id INTEGER PRIMARY KEY, creator_id INTEGER NOT NULL, title TEXT NOT NULL, price_minor INTEGER NOT NULL, currency TEXT NOT NULL);
        CREATE TABLE orders (id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL, product_id INTEGER NOT NULL, quantity INTEGER NOT NULL,
            total_minor INTEGER NOT NULL, currency TEXT NOT NULL, billing_country TEXT NOT NULL, placed_at INTEGER NOT NULL);
        PRAGMA user_version = 1;
        """;

    [Fact]
    public async Task OpenAsync_VersionOneFile_AddsChangeFeedBackfilledForExistingRows()
    {
        await using var target = new SqliteStoreTarget();
        CreateVersionOneFile(target.Path);

        await using (var store = await target.OpenAsync())
        {
            Assert.Equal(VersionOneCatalog.BackfilledChanges, await VersionOneCatalog.ReadAllChangesAsync(store.Catalog));
            Assert.Equal(9, await store.Catalog.GetChangeHeadAsync());
            Assert.Equal("ana", (await store.Catalog.GetUserAsync(1))!.Handle);
            Assert.Equal([60L, 61L], (await store.Catalog.ListOrdersAsync(0, 10)).Select(o => o.Id));

            await store.Catalog.UpsertUsersAsync([new User(3, "cy", "US", "::1", "US", "US", DateTimeOffset.UnixEpoch)]);
            Assert.Equal(new CatalogChange(10, CatalogTableKind.Users, 3, 0), (await VersionOneCatalog.ReadAllChangesAsync(store.Catalog))[^1]);
        }

        Assert.Equal(3L, UserVersion(target.Path));

        // Opening a migrated file again migrates nothing and backfills nothing twice.
        await using (var store = await target.OpenAsync())
        {
            Assert.Equal(10, await store.Catalog.GetChangeHeadAsync());
        }
    }

    [Fact]
    public async Task OpenAsync_NewFile_IsCurrentVersionWithAnEmptyChangeFeed()
    {
        await using var target = new SqliteStoreTarget();

        await using (var store = await target.OpenAsync())
        {
            Assert.Equal(0, await store.Catalog.GetChangeHeadAsync());
        }

        Assert.Equal(3L, UserVersion(target.Path));
    }

    private static void CreateVersionOneFile(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = VersionOneSchema + VersionOneCatalog.RowsSql(string.Empty);
        command.ExecuteNonQuery();
    }

    private static long UserVersion(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA user_version";
        return (long)command.ExecuteScalar()!;
    }
}
