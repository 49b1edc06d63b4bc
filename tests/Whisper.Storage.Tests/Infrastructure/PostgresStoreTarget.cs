using Npgsql;

namespace Whisper.Storage.Tests.Infrastructure;

/// <summary>A random schema on the test server (<see cref="PostgresTestEnvironment"/>), dropped with everything in it.</summary>
public sealed class PostgresStoreTarget : StoreTarget
{
    public PostgresStoreTarget()
    {
        ConnectionString = PostgresTestEnvironment.RequireConnectionString();
        Schema = "test_" + Guid.NewGuid().ToString("N")[..16];
        Options = new StoreOptions(StoreProvider.Postgres, ConnectionString) { Schema = Schema };
    }

    public string ConnectionString { get; }

    public string Schema { get; }

    public override StoreOptions Options { get; }

    public override async ValueTask DisposeAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP SCHEMA IF EXISTS \"{Schema}\" CASCADE", connection);
        await command.ExecuteNonQueryAsync();
    }
}
