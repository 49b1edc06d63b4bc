using System.Data.Common;

namespace Whisper.Storage.Catalog;

/// <summary>
/// Catalog reads shared by both providers: the SQL is the same on SQLite and PostgreSQL, only the table
/// prefix (empty, or a quoted schema) and the way a connection is opened differ.
/// </summary>
internal sealed class CatalogQueries(string tablePrefix, Func<CancellationToken, ValueTask<DbConnection>> openReader)
{
    /// <summary>Largest page a list call returns.</summary>
    public const int MaxLimit = 10_000;

    private readonly string _readChangesSql = CatalogChangeFeed.ReadSql(tablePrefix);
    private readonly string _changeHeadSql = CatalogChangeFeed.HeadSql(tablePrefix);

    public Task<T?> GetAsync<T>(CatalogTable<T> table, long id, CancellationToken ct)
        where T : class =>
        FirstOrDefaultAsync(table, $"SELECT {table.ColumnList} FROM {tablePrefix}{table.Name} WHERE id = @id", ct, ("@id", id));

    public Task<IReadOnlyList<T>> ListAsync<T>(CatalogTable<T> table, long afterId, int limit, CancellationToken ct)
        where T : class
    {
        CheckLimit(limit);
        return QueryAsync(
            table,
            $"SELECT {table.ColumnList} FROM {tablePrefix}{table.Name} WHERE id > @after ORDER BY id LIMIT @limit",
            ct,
            ("@after", afterId),
            ("@limit", limit));
    }

    public Task<IReadOnlyList<T>> ListWhereAsync<T>(CatalogTable<T> table, string column, long value, long afterId, int limit, CancellationToken ct)
        where T : class
    {
        CheckLimit(limit);
        return QueryAsync(
            table,
            $"SELECT {table.ColumnList} FROM {tablePrefix}{table.Name} WHERE {column} = @value AND id > @after ORDER BY id LIMIT @limit",
            ct,
            ("@value", value),
            ("@after", afterId),
            ("@limit", limit));
    }

    public Task<IReadOnlyList<T>> ListAllWhereAsync<T>(CatalogTable<T> table, string column, long value, string orderBy, CancellationToken ct)
        where T : class =>
        QueryAsync(table, $"SELECT {table.ColumnList} FROM {tablePrefix}{table.Name} WHERE {column} = @value ORDER BY {orderBy}", ct, ("@value", value));

    /// <summary>Keyset page over a table keyed by (follower_id, creator_id): rows after the given pair, in key order.</summary>
    public Task<IReadOnlyList<T>> ListByPairAsync<T>(CatalogTable<T> table, long afterFirst, long afterSecond, int limit, CancellationToken ct)
        where T : class
    {
        CheckLimit(limit);
        return QueryAsync(
            table,
            $"SELECT {table.ColumnList} FROM {tablePrefix}{table.Name} WHERE follower_id > @first OR (follower_id = @first AND creator_id > @second) " +
            "ORDER BY follower_id, creator_id LIMIT @limit",
            ct,
            ("@first", afterFirst),
            ("@second", afterSecond),
            ("@limit", limit));
    }

    public async Task<CatalogCounts> CountAsync(CancellationToken ct)
    {
        var connection = await openReader(ct).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText =
                $"SELECT (SELECT count(*) FROM {tablePrefix}users), (SELECT count(*) FROM {tablePrefix}creators), " +
                $"(SELECT count(*) FROM {tablePrefix}videos), (SELECT count(*) FROM {tablePrefix}follows), " +
                $"(SELECT count(*) FROM {tablePrefix}live_sessions), (SELECT count(*) FROM {tablePrefix}products), " +
                $"(SELECT count(*) FROM {tablePrefix}orders)";
            var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                await reader.ReadAsync(ct).ConfigureAwait(false);
                return new CatalogCounts(
                    reader.GetInt64(0),
                    reader.GetInt64(1),
                    reader.GetInt64(2),
                    reader.GetInt64(3),
                    reader.GetInt64(4),
                    reader.GetInt64(5),
                    reader.GetInt64(6));
            }
        }
    }

    public async Task<int> ReadChangesAsync(long afterPosition, int maxCount, List<CatalogChange> into, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(afterPosition);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        ArgumentNullException.ThrowIfNull(into);

        var connection = await openReader(ct).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = _readChangesSql;
            DbParameters.Add(command, "@after", afterPosition);
            DbParameters.Add(command, "@max", maxCount);
            var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                var added = 0;
                while (await reader.ReadAsync(ct).ConfigureAwait(false))
                {
                    // GetInt64 on the kind: SQLite hands back INTEGER as long, PostgreSQL smallint widens without loss.
                    into.Add(new CatalogChange(reader.GetInt64(0), (CatalogTableKind)reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3)));
                    added++;
                }

                return added;
            }
        }
    }

    public async Task<long> GetChangeHeadAsync(CancellationToken ct)
    {
        var connection = await openReader(ct).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = _changeHeadSql;
            return Convert.ToInt64(await command.ExecuteScalarAsync(ct).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    private static void CheckLimit(int limit)
    {
        if (limit is < 1 or > MaxLimit)
        {
            throw new ArgumentOutOfRangeException(nameof(limit), limit, $"limit must be 1..{MaxLimit}; page through larger sets with afterId.");
        }
    }

    private async Task<T?> FirstOrDefaultAsync<T>(CatalogTable<T> table, string sql, CancellationToken ct, params (string Name, object Value)[] parameters)
        where T : class
    {
        var rows = await QueryAsync(table, sql, ct, parameters).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    private async Task<IReadOnlyList<T>> QueryAsync<T>(CatalogTable<T> table, string sql, CancellationToken ct, params (string Name, object Value)[] parameters)
        where T : class
    {
        var connection = await openReader(ct).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            foreach (var (name, value) in parameters)
            {
                DbParameters.Add(command, name, value);
            }

            var rows = new List<T>();
            var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(ct).ConfigureAwait(false))
                {
                    rows.Add(table.Read(reader));
                }
            }

            return rows;
        }
    }
}
