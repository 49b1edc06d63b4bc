using Npgsql;

using Whisper.Core.Domain;
using Whisper.Storage.Tests.Infrastructure;

namespace Whisper.Storage.Tests.Postgres;

public sealed class PostgresSchemaMigrationTests
{
    /// <summary>The version-1 schema as the first release wrote it (frozen here on purpose: it must not follow the code) in quoted schema <paramref name="s"/>.</summary>
    private static string VersionOneSchema(string s) => $"""
        CREATE SCHEMA {s};
        CREATE TABLE {s}.store_version (version integer NOT NULL);
        CREATE TABLE {s}.events (sequence bigint PRIMARY KEY, client_event_id uuid NOT NULL UNIQUE, user_id bigint NOT NULL, video_id bigint NOT NULL,
            kind smallint NOT NULL, occurred_at bigint NOT NULL, watch_time_ms integer NOT NULL, product_id bigint NOT NULL);
        CREATE TABLE {s}.users (id bigint PRIMARY KEY, handle text NOT NULL, declared_country text NOT NULL, signup_ip text NOT NULL,
            phone_country text NOT NULL, residence_country text NOT NULL, created_at bigint NOT NULL);
        CREATE TABLE {s}.creators (id bigint PRIMARY KEY, user_id bigint NOT NULL, display_name text NOT NULL, home_country text NOT NULL, created_at bigint NOT NULL);
        CREATE TABLE {s}.videos (id bigint PRIMARY KEY, creator_id bigint NOT NULL, duration_ms integer NOT NULL, created_at bigint NOT NULL,
            hashtags text NOT NULL, language text NOT NULL, origin_region text NOT NULL);
        CREATE INDEX videos_by_creator ON {s}.videos (creator_id, id);
        CREATE TABLE {s}.follows (follower_id bigint NOT NULL, creator_id bigint NOT NULL, created_at bigint NOT NULL, PRIMARY KEY (follower_id, creator_id));
        CREATE TABLE {s}.live_sessions (id bigint PRIMARY KEY, creator_id bigint NOT NULL, started_at bigint NOT NULL, ended_at bigint NULL, peak_viewers integer NOT NULL);
        CREATE TABLE {s}.products (id bigint PRIMARY KEY, creator_id bigint NOT NULL, title text NOT NULL, price_minor bigint NOT NULL, currency text NOT NULL);
        CREATE TABLE {s}.orders (id bigint PRIMARY KEY, user_id bigint NOT NULL, product_id bigint NOT NULL, quantity integer NOT NULL,
            total_minor bigint NOT NULL, currency text NOT NULL, billing_country text NOT NULL, placed_at bigint NOT NULL);
        INSERT INTO {s}.store_version (version) VALUES (1);
        """;

    [PostgresFact]
    public async Task OpenAsync_VersionOneSchema_AddsChangeFeedBackfilledForExistingRows()
    {
        await using var target = new PostgresStoreTarget();
        var quoted = $"\"{target.Schema}\"";
        await ExecuteAsync(target, VersionOneSchema(quoted) + VersionOneCatalog.RowsSql(quoted + "."));

        await using (var store = await target.OpenAsync())
        {
            Assert.Equal(VersionOneCatalog.BackfilledChanges, await VersionOneCatalog.ReadAllChangesAsync(store.Catalog));
            Assert.Equal("ana", (await store.Catalog.GetUserAsync(1))!.Handle);

            await store.Catalog.UpsertUsersAsync([new User(3, "cy", "US", "::1", "US", "US", DateTimeOffset.UnixEpoch)]);
            Assert.Equal(new CatalogChange(10, CatalogTableKind.Users, 3, 0), (await VersionOneCatalog.ReadAllChangesAsync(store.Catalog))[^1]);
        }

        Assert.Equal([3], await VersionsAsync(target, quoted));

        await using (var store = await target.OpenAsync())
        {
            Assert.Equal(10, await store.Catalog.GetChangeHeadAsync());
        }
    }

    private static async Task ExecuteAsync(PostgresStoreTarget target, string sql)
    {
        await using var connection = new NpgsqlConnection(target.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<List<int>> VersionsAsync(PostgresStoreTarget target, string quoted)
    {
        await using var connection = new NpgsqlConnection(target.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT version FROM {quoted}.store_version", connection);
        var versions = new List<int>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            versions.Add(reader.GetInt32(0));
        }

        return versions;
    }
}
