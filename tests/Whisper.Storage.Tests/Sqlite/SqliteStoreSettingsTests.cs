using Microsoft.Data.Sqlite;

using Whisper.Storage.Sqlite;
using Whisper.Storage.Tests.Infrastructure;

namespace Whisper.Storage.Tests.Sqlite;

public sealed class SqliteStoreSettingsTests
{
    [Fact]
    public void Parse_PlainPath_UsesItAsDataSourceWithNormalSync()
    {
        var settings = SqliteStoreSettings.Parse("/tmp/x/us.db");

        Assert.Equal("/tmp/x/us.db", settings.DataSource);
        Assert.Equal("NORMAL", settings.Synchronous);
    }

    [Fact]
    public void Parse_ConnectionStringWithSynchronousFull_TakesTheHintOut()
    {
        var settings = SqliteStoreSettings.Parse("Data Source=/tmp/x/us.db;Synchronous=Full;Cache=Private");

        Assert.Equal("/tmp/x/us.db", settings.DataSource);
        Assert.Equal("FULL", settings.Synchronous);
        Assert.DoesNotContain("Synchronous", settings.ConnectionString, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Data Source=:memory:")]
    [InlineData("Data Source=/tmp/x.db;Synchronous=Off")]
    [InlineData("Data Source=/tmp/x.db;Mode=ReadOnly")]
    public void Parse_Unusable_ThrowsArgumentException(string value)
    {
        Assert.Throws<ArgumentException>(() => SqliteStoreSettings.Parse(value));
    }

    [Fact]
    public async Task OpenAsync_FullSyncConnectionString_OpensInWalWithFullSync()
    {
        await using var target = new SqliteStoreTarget();
        await using var store = await WhisperStores.OpenAsync(new StoreOptions(StoreProvider.Sqlite, $"Data Source={target.Path};Synchronous=Full"));

        await store.Events.AppendAsync(TestEvents.Batch(2));

        Assert.Equal(2, await store.Events.GetHeadAsync());
        using var connection = new SqliteConnection($"Data Source={target.Path}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", command.ExecuteScalar());
    }

    [Fact]
    public async Task OpenAsync_NewerSchemaVersion_Refuses()
    {
        await using var target = new SqliteStoreTarget();
        await (await target.OpenAsync()).DisposeAsync();
        using (var connection = new SqliteConnection($"Data Source={target.Path};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA user_version = 99";
            command.ExecuteNonQuery();
        }

        var error = await Assert.ThrowsAsync<NotSupportedException>(target.OpenAsync);
        Assert.Contains("99", error.Message, StringComparison.Ordinal);
    }
}
