using Microsoft.Data.Sqlite;

namespace Whisper.Storage.Sqlite;

/// <summary>
/// The one write connection of a SQLite store. SQLite allows one writer at a time, so every write in the
/// process queues on one <see cref="SemaphoreSlim"/> instead of spinning on SQLITE_BUSY; each write runs in its
/// own IMMEDIATE transaction and is committed or rolled back whole. Prepared commands are cached per SQL key
/// and only touched while the gate is held.
/// </summary>
internal sealed class SqliteWriter : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly SqliteConnection _connection;
    private readonly Dictionary<string, IDisposable> _resources = new(StringComparer.Ordinal);
    private bool _disposed;

    private SqliteWriter(SqliteConnection connection) => _connection = connection;

    public static SqliteWriter Open(SqliteStoreSettings settings)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(settings.DataSource));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var connection = new SqliteConnection(settings.ConnectionString);
        try
        {
            connection.Open();
            using (var command = connection.CreateCommand())
            {
                command.CommandText = "PRAGMA journal_mode = WAL";
                var mode = Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
                if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
                {
                    throw new InvalidOperationException($"SQLite refused WAL mode for {settings.DataSource} (got '{mode}'); the store needs a local file system.");
                }

                // NORMAL: a commit is in the WAL (OS page cache) before it returns, so it survives a process kill;
                // FULL also fsyncs the WAL on every commit, so it survives power loss, at a cost per commit.
                // 64 MiB page cache keeps the client_event_id index (random GUIDs, ~30 B an entry) hot for the first
                // ~2M events. Checkpointing every 16,384 pages (64 MiB of WAL) instead of SQLite's 1,000 cut the
                // append cost ~1.6x in a 1M-event run: random index inserts dirty ~1 page per row, and a larger
                // window checkpoints a page rewritten by many batches once; journal_size_limit trims the WAL after.
                command.CommandText =
                    $"PRAGMA synchronous = {settings.Synchronous}; PRAGMA busy_timeout = 30000; PRAGMA cache_size = -65536; " +
                    "PRAGMA temp_store = MEMORY; PRAGMA wal_autocheckpoint = 16384; PRAGMA journal_size_limit = 67108864";
                command.ExecuteNonQuery();
            }

            SqliteSchema.Migrate(connection);
            return new SqliteWriter(connection);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Runs <paramref name="work"/> alone, inside one transaction that commits when it returns.</summary>
    public async Task<TResult> RunAsync<TState, TResult>(TState state, Func<SqliteWriter, TState, SqliteTransaction, CancellationToken, TResult> work, CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            using var transaction = _connection.BeginTransaction(deferred: false);
            var result = work(this, state, transaction, ct);
            transaction.Commit();
            return result;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>A prepared command with parameters <c>$p0</c>..<c>$p{n-1}</c>; call only inside <see cref="RunAsync"/>.</summary>
    public SqliteCommand Prepared(string sql, int parameterCount, SqliteTransaction transaction)
    {
        var command = Resource(sql, (Sql: sql, Count: parameterCount), static (connection, state) =>
        {
            var command = connection.CreateCommand();
            command.CommandText = state.Sql;
            for (var i = 0; i < state.Count; i++)
            {
                command.Parameters.Add(new SqliteParameter("$p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), null));
            }

            command.Prepare();
            return command;
        });

        command.Transaction = transaction;
        return command;
    }

    /// <summary>An object bound to the write connection, made once and disposed with it; call only inside <see cref="RunAsync"/>.</summary>
    public T Resource<T, TState>(string key, TState state, Func<SqliteConnection, TState, T> create)
        where T : class, IDisposable
    {
        if (!_resources.TryGetValue(key, out var resource))
        {
            resource = create(_connection, state);
            _resources.Add(key, resource);
        }

        return (T)resource;
    }

    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            foreach (var resource in _resources.Values)
            {
                resource.Dispose();
            }

            _resources.Clear();
            await _connection.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }
}
