using Whisper.Server.Auth;

namespace Whisper.Cli.Demo;

/// <summary>
/// The demo's API key: reused when the saved key still verifies against the keys file, otherwise created
/// (all roles) and saved with owner-only permissions. The key is never printed.
/// </summary>
public static class DemoKey
{
    public const string KeyId = "demo";

    public static async Task<string> EnsureAsync(string keysPath, string keyPath, CancellationToken ct)
    {
        if (File.Exists(keysPath) && File.Exists(keyPath))
        {
            var saved = (await File.ReadAllTextAsync(keyPath, ct).ConfigureAwait(false)).Trim();
            var keys = await ApiKeyStore.LoadAsync(keysPath, ct).ConfigureAwait(false);
            if (keys.TryVerify(saved, out _))
            {
                return saved;
            }
        }

        var id = File.Exists(keysPath) ? $"{KeyId}-{DateTimeOffset.UtcNow:yyyyMMddHHmmss}" : KeyId;
        var key = await ApiKeyStore.CreateKeyAsync(keysPath, id, ApiKeyRoles.Ingest | ApiKeyRoles.Viewer | ApiKeyRoles.Operator, ct).ConfigureAwait(false);
        await using (var file = OwnerOnly(keyPath))
        await using (var writer = new StreamWriter(file))
        {
            await writer.WriteAsync(key.AsMemory(), ct).ConfigureAwait(false);
        }

        return key;
    }

    private static FileStream OwnerOnly(string path)
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        return new FileStream(path, options);
    }
}
