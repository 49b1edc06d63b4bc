using Whisper.Storage.Postgres;
using Whisper.Storage.Sqlite;

namespace Whisper.Storage;

/// <summary>Opens a region's store on the configured provider.</summary>
public static partial class WhisperStores
{
    /// <summary>
    /// Opens the store and creates or migrates its schema. For SQLite, <see cref="StoreOptions.ConnectionString"/>
    /// is a file path or a full connection string (one that contains <c>Data Source=</c>); add
    /// <c>Synchronous=Full</c> to a full connection string for power-loss durability. For PostgreSQL it is an
    /// Npgsql connection string and the tables live in <see cref="StoreOptions.Schema"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The connection string or schema name is malformed.</exception>
    /// <exception cref="NotSupportedException">The store was written by a newer Whisper (unknown schema version).</exception>
    public static async Task<IWhisperStore> OpenAsync(StoreOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Provider switch
        {
            StoreProvider.Sqlite => await SqliteWhisperStore.OpenAsync(options, ct).ConfigureAwait(false),
            StoreProvider.Postgres => await PostgresWhisperStore.OpenAsync(options, ct).ConfigureAwait(false),
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.Provider, "Unknown store provider; use Sqlite or Postgres."),
        };
    }

    /// <summary>The store's erasure API (docs/purge.md); both providers' stores have one.</summary>
    /// <exception cref="NotSupportedException">The store is not one <see cref="OpenAsync"/> opened (a wrapper or a test double).</exception>
    public static IStoreEraser EraserOf(IWhisperStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store as IStoreEraser ?? throw new NotSupportedException($"{store.GetType().Name} cannot erase rows; open the store with WhisperStores.OpenAsync.");
    }
}
