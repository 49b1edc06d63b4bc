using System.Text.Json;

using Whisper.Server.Auth;

namespace Whisper.Server.Tests.Auth;

public sealed class ApiKeyStoreTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("whisper-keys-test-").FullName;

    private string KeysPath => Path.Combine(_directory, "keys.json");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task CreateKey_NewFile_HoldsHashNeverTheKey()
    {
        var key = await ApiKeyStore.CreateKeyAsync(KeysPath, "edge-1", ApiKeyRoles.Ingest | ApiKeyRoles.Viewer);

        var text = await File.ReadAllTextAsync(KeysPath);
        Assert.StartsWith(ApiKeyStore.KeyPrefix, key, StringComparison.Ordinal);
        Assert.Equal(47, key.Length);
        Assert.DoesNotContain(key, text, StringComparison.Ordinal);
        Assert.DoesNotContain(key[ApiKeyStore.KeyPrefix.Length..], text, StringComparison.Ordinal);
        var entry = JsonDocument.Parse(text).RootElement.GetProperty("keys")[0];
        Assert.Equal(ApiKeyStore.HashKey(key), entry.GetProperty("sha256").GetString());
        Assert.Equal(["ingest", "viewer"], entry.GetProperty("roles").EnumerateArray().Select(static r => r.GetString()));
        Assert.Equal(1, JsonDocument.Parse(text).RootElement.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task CreateKey_OnUnix_FileIsOwnerReadWriteOnly()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // Unix permissions only.
        }

        await ApiKeyStore.CreateKeyAsync(KeysPath, "a", ApiKeyRoles.Viewer);
        await ApiKeyStore.CreateKeyAsync(KeysPath, "b", ApiKeyRoles.Viewer);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(KeysPath));
        Assert.False(ApiKeyStore.IsFileTooOpen(KeysPath));
        Assert.Single(Directory.GetFiles(_directory));
    }

    [Fact]
    public async Task TryVerify_CreatedKeys_ReturnTheirOwnEntries()
    {
        var ingest = await ApiKeyStore.CreateKeyAsync(KeysPath, "ingest-1", ApiKeyRoles.Ingest);
        var op = await ApiKeyStore.CreateKeyAsync(KeysPath, "ops", ApiKeyRoles.Operator);
        var store = await ApiKeyStore.LoadAsync(KeysPath);

        Assert.True(store.TryVerify(ingest, out var first));
        Assert.True(store.TryVerify(op, out var second));
        Assert.Equal(("ingest-1", ApiKeyRoles.Ingest), (first.Id, first.Roles));
        Assert.Equal(("ops", ApiKeyRoles.Operator), (second.Id, second.Roles));
    }

    [Fact]
    public async Task TryVerify_UnknownNearMissOrOversizeKey_Rejected()
    {
        var key = await ApiKeyStore.CreateKeyAsync(KeysPath, "k", ApiKeyRoles.Viewer);
        var store = await ApiKeyStore.LoadAsync(KeysPath);
        var lastCharChanged = key[..^1] + (key[^1] == 'A' ? 'B' : 'A');

        Assert.False(store.TryVerify(lastCharChanged, out _));
        Assert.False(store.TryVerify(key.AsSpan()[..^1], out _));
        Assert.False(store.TryVerify(key + "x", out _));
        Assert.False(store.TryVerify("", out _));
        Assert.False(store.TryVerify(new string('a', ApiKeyStore.MaxPresentedKeyChars + 1), out _));
        Assert.False(store.TryVerify(ApiKeyStore.HashKey(key), out _));
    }

    [Fact]
    public async Task CreateKey_RepeatedId_ThrowsAndKeepsFile()
    {
        await ApiKeyStore.CreateKeyAsync(KeysPath, "same", ApiKeyRoles.Viewer);
        var before = await File.ReadAllTextAsync(KeysPath);

        await Assert.ThrowsAsync<InvalidOperationException>(() => ApiKeyStore.CreateKeyAsync(KeysPath, "same", ApiKeyRoles.Ingest));

        Assert.Equal(before, await File.ReadAllTextAsync(KeysPath));
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("semi;colon")]
    public async Task CreateKey_BadId_Throws(string id) =>
        await Assert.ThrowsAsync<ArgumentException>(() => ApiKeyStore.CreateKeyAsync(KeysPath, id, ApiKeyRoles.Viewer));

    [Fact]
    public async Task CreateKey_NoRole_Throws() =>
        await Assert.ThrowsAsync<ArgumentException>(() => ApiKeyStore.CreateKeyAsync(KeysPath, "x", ApiKeyRoles.None));

    [Theory]
    [InlineData("""{"version":2,"keys":[]}""", "version 2")]
    [InlineData("""{"version":1,"keys":[{"id":"a","roles":["root"],"sha256":"00"}]}""", "unknown role")]
    [InlineData("""{"version":1,"keys":[{"id":"a","roles":["viewer"],"sha256":"abc"}]}""", "sha256")]
    [InlineData("""{"version":1,"keys":[""", "not valid JSON")]
    public async Task Load_BadFile_ThrowsNamingTheProblem(string text, string expected)
    {
        await File.WriteAllTextAsync(KeysPath, text);

        var ex = await Assert.ThrowsAsync<InvalidDataException>(() => ApiKeyStore.LoadAsync(KeysPath));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IsFileTooOpen_WorldReadable_True()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // Unix permissions only.
        }

        await ApiKeyStore.CreateKeyAsync(KeysPath, "a", ApiKeyRoles.Viewer);
        File.SetUnixFileMode(KeysPath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);

        Assert.True(ApiKeyStore.IsFileTooOpen(KeysPath));
    }

    [Theory]
    [InlineData("ingest,viewer", ApiKeyRoles.Ingest | ApiKeyRoles.Viewer)]
    [InlineData(" operator ", ApiKeyRoles.Operator)]
    public void TryParseList_KnownNames_Parsed(string names, ApiKeyRoles expected)
    {
        Assert.True(ApiKeyRoleNames.TryParseList(names, out var roles));
        Assert.Equal(expected, roles);
    }

    [Theory]
    [InlineData("")]
    [InlineData("ingest,superuser")]
    public void TryParseList_UnknownOrEmpty_False(string names) => Assert.False(ApiKeyRoleNames.TryParseList(names, out _));
}
