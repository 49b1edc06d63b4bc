using Npgsql;

using Whisper.Storage.Erasure;
using Whisper.Storage.Events;

namespace Whisper.Storage.Postgres;

/// <summary>
/// Erasure on PostgreSQL: id lists travel as <c>bigint[]</c> parameters read through <c>unnest</c>, each delete returns
/// its rows' keys, and the change-feed rows are numbered under the same advisory lock upserts take
/// (<see cref="PostgresCatalogWriter"/>), so deletions take their place in commit order. An event erasure takes the
/// event log's append lock, so the head it keeps as the floor is the true head.
/// </summary>
internal sealed class PostgresStoreEraser(NpgsqlDataSource dataSource, string schema) : IStoreEraser
{
    private const string Users = "(SELECT unnest(@users::bigint[]))";
    private const string Creators = "(SELECT unnest(@creators::bigint[]))";

    private readonly string _prefix = $"\"{schema}\".";
    private readonly long _changeLock = PostgresSchema.LockKey("catalog_changes", schema);
    private readonly long _eventLock = PostgresSchema.LockKey("events", schema);

    public async Task<CatalogErasure> EraseCatalogAsync(IReadOnlyList<long> userIds, IReadOnlyList<long> creatorIds, ErasureRules rules, CancellationToken cancellationToken = default)
    {
        ErasureSql.CheckIds(userIds, nameof(userIds));
        ErasureSql.CheckIds(creatorIds, nameof(creatorIds));
        ArgumentNullException.ThrowIfNull(rules);
        if (userIds.Count == 0 && creatorIds.Count == 0)
        {
            return default;
        }

        var users = userIds.ToArray();
        var creators = creatorIds.ToArray();
        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                var tally = default(CatalogErasure);
                var kinds = new List<short>();
                var keys1 = new List<long>();
                var keys2 = new List<long>();
                foreach (var step in ErasureSql.CatalogSteps(_prefix, rules, Users, Creators))
                {
                    await using var command = new NpgsqlCommand(step.Sql, connection, transaction);
                    command.Parameters.AddWithValue("users", users);
                    command.Parameters.AddWithValue("creators", creators);
                    long rows = 0;
                    var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                    await using (reader.ConfigureAwait(false))
                    {
                        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                        {
                            kinds.Add((short)step.Kind);
                            keys1.Add(reader.GetInt64(0));
                            keys2.Add(Convert.ToInt64(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture));
                            rows++;
                        }
                    }

                    tally = ErasureSql.Add(tally, step.Kind, rows);
                }

                if (keys1.Count > 0)
                {
                    await using var changes = new NpgsqlCommand(
                        $"SELECT pg_advisory_xact_lock(@lock); " +
                        $"INSERT INTO {_prefix}catalog_changes (sequence, table_kind, key1, key2) " +
                        $"SELECT head.h + u.ord, u.kind, u.key1, u.key2 FROM unnest(@kinds::smallint[], @keys1::bigint[], @keys2::bigint[]) WITH ORDINALITY AS u(kind, key1, key2, ord) " +
                        $"CROSS JOIN (SELECT coalesce(max(sequence), 0) AS h FROM {_prefix}catalog_changes) AS head ORDER BY u.ord",
                        connection,
                        transaction);
                    changes.Parameters.AddWithValue("lock", _changeLock);
                    changes.Parameters.AddWithValue("kinds", kinds.ToArray());
                    changes.Parameters.AddWithValue("keys1", keys1.ToArray());
                    changes.Parameters.AddWithValue("keys2", keys2.ToArray());
                    await changes.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return tally;
            }
        }
    }

    public async Task<long> EraseEventsAsync(IReadOnlyList<long> userIds, long afterSequence, long upToSequence, CancellationToken cancellationToken = default)
    {
        ErasureSql.CheckWindow(userIds, afterSequence, upToSequence);
        if (userIds.Count == 0 || upToSequence == afterSequence)
        {
            return 0;
        }

        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                await using (var locked = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@lock)", connection, transaction))
                {
                    locked.Parameters.AddWithValue("lock", _eventLock);
                    await locked.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                // One statement after the lock: its snapshot sees every committed append, so the head it keeps is the true one.
                await using var erase = new NpgsqlCommand(
                    $"WITH head AS ({EventQueries.HeadSql(_prefix)} AS h), " +
                    $"gone AS (DELETE FROM {_prefix}events WHERE sequence > @after AND sequence <= @upTo AND user_id IN {Users} RETURNING 1), " +
                    $"floor AS (INSERT INTO {_prefix}event_log_floor (id, head) SELECT 1, head.h FROM head WHERE EXISTS (SELECT 1 FROM gone) " +
                    "ON CONFLICT (id) DO UPDATE SET head = greatest(event_log_floor.head, excluded.head) RETURNING 1) " +
                    "SELECT (SELECT count(*) FROM gone), (SELECT count(*) FROM floor)",
                    connection,
                    transaction);
                erase.Parameters.AddWithValue("after", afterSequence);
                erase.Parameters.AddWithValue("upTo", upToSequence);
                erase.Parameters.AddWithValue("users", userIds.ToArray());
                long deleted;
                var reader = await erase.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                    deleted = reader.GetInt64(0);
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return deleted;
            }
        }
    }
}
