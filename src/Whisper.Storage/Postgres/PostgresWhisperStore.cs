using System.Data.Common;

using Npgsql;

using Whisper.Storage.Catalog;
using Whisper.Storage.Events;

namespace Whisper.Storage.Postgres;

/// <summary>A region's store in one PostgreSQL schema, reached through one pooled <see cref="NpgsqlDataSource"/>.</summary>
internal sealed class PostgresWhisperStore : IWhisperStore, IStoreEraser
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly PostgresStoreEraser _eraser;

    private PostgresWhisperStore(NpgsqlDataSource dataSource, string schema)
    {
        _dataSource = dataSource;
        var prefix = $"\"{schema}\".";
        Catalog = new CatalogStore(new PostgresCatalogWriter(dataSource, schema), new CatalogQueries(prefix, OpenAsync));
        Events = new PostgresEventLog(dataSource, schema, new EventQueries(prefix, OpenAsync, clientIdIsBlob: false));
        _eraser = new PostgresStoreEraser(dataSource, schema);
    }

    public string Provider => "postgres";

    public ICatalogStore Catalog { get; }

    public IEventLog Events { get; }

    public static async Task<IWhisperStore> OpenAsync(StoreOptions options, CancellationToken ct)
    {
        PostgresSchema.CheckName(options.Schema);
        var dataSource = NpgsqlDataSource.Create(options.ConnectionString);
        try
        {
            await PostgresSchema.MigrateAsync(dataSource, options.Schema, ct).ConfigureAwait(false);
            return new PostgresWhisperStore(dataSource, options.Schema);
        }
        catch
        {
            await dataSource.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public Task<CatalogErasure> EraseCatalogAsync(IReadOnlyList<long> userIds, IReadOnlyList<long> creatorIds, ErasureRules rules, CancellationToken cancellationToken = default) =>
        _eraser.EraseCatalogAsync(userIds, creatorIds, rules, cancellationToken);

    public Task<long> EraseEventsAsync(IReadOnlyList<long> userIds, long afterSequence, long upToSequence, CancellationToken cancellationToken = default) =>
        _eraser.EraseEventsAsync(userIds, afterSequence, upToSequence, cancellationToken);

    public async Task<bool> PingAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await using var command = _dataSource.CreateCommand("SELECT 1");
            return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not null;
        }
        catch (NpgsqlException)
        {
            return false;
        }
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    private async ValueTask<DbConnection> OpenAsync(CancellationToken ct) => await _dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
}
