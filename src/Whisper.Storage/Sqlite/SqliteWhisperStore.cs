using System.Data.Common;

using Microsoft.Data.Sqlite;

using Whisper.Storage.Catalog;
using Whisper.Storage.Events;

namespace Whisper.Storage.Sqlite;

/// <summary>
/// A region's store in one SQLite file in WAL mode: one writer connection (serialized, see <see cref="SqliteWriter"/>)
/// and pooled reader connections that never wait for it.
/// </summary>
internal sealed class SqliteWhisperStore : IWhisperStore, IStoreEraser
{
    private readonly SqliteStoreSettings _settings;
    private readonly SqliteWriter _writer;
    private readonly SqliteStoreEraser _eraser;

    private SqliteWhisperStore(SqliteStoreSettings settings, SqliteWriter writer)
    {
        _settings = settings;
        _writer = writer;
        Catalog = new CatalogStore(new SqliteCatalogWriter(writer), new CatalogQueries(string.Empty, OpenReaderAsync));
        Events = new SqliteEventLog(writer, new EventQueries(string.Empty, OpenReaderAsync, clientIdIsBlob: true));
        _eraser = new SqliteStoreEraser(writer);
    }

    public string Provider => "sqlite";

    public ICatalogStore Catalog { get; }

    public IEventLog Events { get; }

    public static Task<IWhisperStore> OpenAsync(StoreOptions options, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var settings = SqliteStoreSettings.Parse(options.ConnectionString);
        var writer = SqliteWriter.Open(settings);
        return Task.FromResult<IWhisperStore>(new SqliteWhisperStore(settings, writer));
    }

    public Task<CatalogErasure> EraseCatalogAsync(IReadOnlyList<long> userIds, IReadOnlyList<long> creatorIds, ErasureRules rules, CancellationToken cancellationToken = default) =>
        _eraser.EraseCatalogAsync(userIds, creatorIds, rules, cancellationToken);

    public Task<long> EraseEventsAsync(IReadOnlyList<long> userIds, long afterSequence, long upToSequence, CancellationToken cancellationToken = default) =>
        _eraser.EraseEventsAsync(userIds, afterSequence, upToSequence, cancellationToken);

    public async Task<bool> PingAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            var connection = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                using var command = connection.CreateCommand();
                command.CommandText = "SELECT 1";
                return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not null;
            }
        }
        catch (SqliteException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _writer.DisposeAsync().ConfigureAwait(false);
        using var connection = new SqliteConnection(_settings.ConnectionString);
        SqliteConnection.ClearPool(connection);
    }

    private async ValueTask<DbConnection> OpenReaderAsync(CancellationToken ct)
    {
        var connection = new SqliteConnection(_settings.ConnectionString);
        try
        {
            await connection.OpenAsync(ct).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
