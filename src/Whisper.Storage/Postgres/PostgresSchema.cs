using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

using Npgsql;

namespace Whisper.Storage.Postgres;

/// <summary>
/// The PostgreSQL schema (see docs/storage.md). All tables live in one schema named by
/// <see cref="StoreOptions.Schema"/>; <c>store_version</c> holds <see cref="Version"/> and a newer version is refused.
/// An older schema is brought up to date one version step at a time, each step being the script that version added;
/// keep old steps unchanged.
/// </summary>
internal static partial class PostgresSchema
{
    public const int Version = 3;

    /// <summary>Lower-case identifier, so it needs no quoting rules beyond double quotes and is the same in every tool.</summary>
    public static void CheckName(string schema)
    {
        if (schema is null || !SchemaName().IsMatch(schema))
        {
            throw new ArgumentException(
                $"Schema '{schema}' is not a valid store schema; use 1-63 characters of a-z, 0-9 and _, starting with a letter or _.", nameof(schema));
        }
    }

    /// <summary>A stable 64-bit advisory-lock key for one purpose in one schema (first 8 bytes of SHA-256).</summary>
    public static long LockKey(string purpose, string schema)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes($"whisper:{purpose}:{schema}"), hash);
        return BinaryPrimitives.ReadInt64BigEndian(hash);
    }

    public static async Task MigrateAsync(NpgsqlDataSource dataSource, string schema, CancellationToken ct)
    {
        var s = $"\"{schema}\"";
        var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                await using (var command = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({LockKey("migrate", schema)}); CREATE SCHEMA IF NOT EXISTS {s}; CREATE TABLE IF NOT EXISTS {s}.store_version (version integer NOT NULL)", connection, transaction))
                {
                    await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                }

                int? version;
                await using (var command = new NpgsqlCommand($"SELECT max(version) FROM {s}.store_version", connection, transaction))
                {
                    version = await command.ExecuteScalarAsync(ct).ConfigureAwait(false) is int v ? v : null;
                }

                if (version > Version)
                {
                    throw new NotSupportedException(
                        $"The PostgreSQL store in schema {schema} has schema version {version}, newer than this build supports ({Version}); open it with a newer Whisper.");
                }

                if (version is null)
                {
                    await using var command = new NpgsqlCommand(CreateV1(s), connection, transaction);
                    await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                }

                if (version is null or < 2)
                {
                    await using var command = new NpgsqlCommand(CreateV2(s), connection, transaction);
                    await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                }

                if (version is null or < 3)
                {
                    await using var command = new NpgsqlCommand(CreateV3(s), connection, transaction);
                    await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                }

                await transaction.CommitAsync(ct).ConfigureAwait(false);
            }
        }
    }

    private static string CreateV1(string s) => $"""
        CREATE TABLE {s}.events (
            sequence        bigint   PRIMARY KEY,
            client_event_id uuid     NOT NULL UNIQUE,
            user_id         bigint   NOT NULL,
            video_id        bigint   NOT NULL,
            kind            smallint NOT NULL,
            occurred_at     bigint   NOT NULL,
            watch_time_ms   integer  NOT NULL,
            product_id      bigint   NOT NULL);
        CREATE TABLE {s}.users (
            id                bigint PRIMARY KEY,
            handle            text   NOT NULL,
            declared_country  text   NOT NULL,
            signup_ip         text   NOT NULL,
            phone_country     text   NOT NULL,
            residence_country text   NOT NULL,
            created_at        bigint NOT NULL);
        CREATE TABLE {s}.creators (
            id           bigint PRIMARY KEY,
            user_id      bigint NOT NULL,
            display_name text   NOT NULL,
            home_country text   NOT NULL,
            created_at   bigint NOT NULL);
        CREATE TABLE {s}.videos (
            id            bigint  PRIMARY KEY,
            creator_id    bigint  NOT NULL,
            duration_ms   integer NOT NULL,
            created_at    bigint  NOT NULL,
            hashtags      text    NOT NULL,
            language      text    NOT NULL,
            origin_region text    NOT NULL);
        CREATE INDEX videos_by_creator ON {s}.videos (creator_id, id);
        CREATE TABLE {s}.follows (
            follower_id bigint NOT NULL,
            creator_id  bigint NOT NULL,
            created_at  bigint NOT NULL,
            PRIMARY KEY (follower_id, creator_id));
        CREATE TABLE {s}.live_sessions (
            id           bigint  PRIMARY KEY,
            creator_id   bigint  NOT NULL,
            started_at   bigint  NOT NULL,
            ended_at     bigint  NULL,
            peak_viewers integer NOT NULL);
        CREATE TABLE {s}.products (
            id          bigint PRIMARY KEY,
            creator_id  bigint NOT NULL,
            title       text   NOT NULL,
            price_minor bigint NOT NULL,
            currency    text   NOT NULL);
        CREATE TABLE {s}.orders (
            id              bigint  PRIMARY KEY,
            user_id         bigint  NOT NULL,
            product_id      bigint  NOT NULL,
            quantity        integer NOT NULL,
            total_minor     bigint  NOT NULL,
            currency        text    NOT NULL,
            billing_country text    NOT NULL,
            placed_at       bigint  NOT NULL);
        INSERT INTO {s}.store_version (version) VALUES (1);
        """;

    /// <summary>Version 2: the catalog change feed, backfilled with one change per row a version-1 schema already holds.</summary>
    private static string CreateV2(string s) => $"""
        CREATE TABLE {s}.catalog_changes (
            sequence   bigint   PRIMARY KEY,
            table_kind smallint NOT NULL,
            key1       bigint   NOT NULL,
            key2       bigint   NOT NULL);
        {Catalog.CatalogChangeFeed.BackfillSql(s + ".")};
        UPDATE {s}.store_version SET version = 2;
        """;

    /// <summary>Version 3: the event log's floor (see <see cref="Events.EventQueries.HeadSql"/>), kept when an erasure deletes the head event.</summary>
    private static string CreateV3(string s) => $"""
        CREATE TABLE {s}.event_log_floor (
            id   smallint PRIMARY KEY CHECK (id = 1),
            head bigint   NOT NULL);
        UPDATE {s}.store_version SET version = 3;
        """;

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex SchemaName();
}
