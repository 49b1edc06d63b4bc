using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;

namespace Whisper.Server.Auth;

/// <summary>Reading and writing the keys file.</summary>
public sealed partial class ApiKeyStore
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    // Serialises CreateKeyAsync within one process; separate processes must not create keys at the same time.
    private static readonly SemaphoreSlim WriteLock = new(1, 1);

    /// <summary>Reads a keys file. Throws <see cref="InvalidDataException"/> naming the problem when the file is malformed.</summary>
    public static async Task<ApiKeyStore> LoadAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var document = await ReadDocumentAsync(path, cancellationToken).ConfigureAwait(false)
            ?? throw new FileNotFoundException($"API keys file '{path}' does not exist.", path);
        return FromDocument(path, document);
    }

    /// <summary>Synchronous <see cref="LoadAsync"/> for start-up code.</summary>
    public static ApiKeyStore Load(string path) => LoadAsync(path).GetAwaiter().GetResult();

    /// <summary>
    /// Generates a new 256-bit key (RandomNumberGenerator), appends its hash under <paramref name="id"/> to the
    /// keys file (creating it with 0600 permissions on Unix) and returns the key. This is the only time the key
    /// exists in plain text: show it once, never log it.
    /// </summary>
    public static async Task<string> CreateKeyAsync(string path, string id, ApiKeyRoles roles, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!IsValidKeyId(id))
        {
            throw new ArgumentException("A key id is 1-64 characters of A-Z, a-z, 0-9, '.', '_' or '-'.", nameof(id));
        }

        if (roles == ApiKeyRoles.None || (roles & ~ApiKeyRoleNames.Defined) != 0)
        {
            throw new ArgumentException($"Give at least one role of {ApiKeyRoleNames.List}.", nameof(roles));
        }

        Span<byte> secret = stackalloc byte[32];
        RandomNumberGenerator.Fill(secret);
        var key = KeyPrefix + Base64Url.EncodeToString(secret);
        CryptographicOperations.ZeroMemory(secret);

        await WriteLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var document = await ReadDocumentAsync(path, cancellationToken).ConfigureAwait(false) ?? new ApiKeyFileDocument { Version = FormatVersion };
            FromDocument(path, document);
            foreach (var existing in document.Keys)
            {
                if (string.Equals(existing.Id, id, StringComparison.Ordinal))
                {
                    throw new InvalidOperationException($"API keys file '{path}' already holds a key with id '{id}'; pick another id.");
                }
            }

            document.Keys.Add(new ApiKeyFileEntry
            {
                Id = id,
                Roles = [.. ApiKeyRoleNames.ToNames(roles)],
                Sha256 = HashKey(key),
                CreatedAt = DateTimeOffset.UtcNow,
            });
            await WriteDocumentAsync(path, document, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            WriteLock.Release();
        }

        return key;
    }

    /// <summary>True on Unix when group or others may read or write the keys file (it should be 0600).</summary>
    public static bool IsFileTooOpen(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return false;
        }

        var mode = File.GetUnixFileMode(path);
        return (mode & (UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite)) != 0;
    }

    private static async Task<ApiKeyFileDocument?> ReadDocumentAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        var stream = File.OpenRead(path);
        await using (stream.ConfigureAwait(false))
        {
            try
            {
                return await JsonSerializer.DeserializeAsync(stream, ApiKeyFileJsonContext.Default.ApiKeyFileDocument, cancellationToken).ConfigureAwait(false)
                    ?? throw new InvalidDataException($"API keys file '{path}' holds JSON null; expected {{ \"version\": 1, \"keys\": [...] }}.");
            }
            catch (JsonException ex)
            {
                throw new InvalidDataException($"API keys file '{path}' is not valid JSON (line {ex.LineNumber}, byte {ex.BytePositionInLine}).", ex);
            }
        }
    }

    private static async Task WriteDocumentAsync(string path, ApiKeyFileDocument document, CancellationToken cancellationToken)
    {
        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);

        // Write a sibling temp file (0600 from birth, never wider) and rename it over the old file, so a crash
        // leaves either the old or the new file, and the keys are never readable by others even briefly.
        var temp = System.IO.Path.Combine(directory, $".{System.IO.Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnly;
        }

        try
        {
            var stream = new FileStream(temp, options);
            await using (stream.ConfigureAwait(false))
            {
                await JsonSerializer.SerializeAsync(stream, document, ApiKeyFileJsonContext.Default.ApiKeyFileDocument, cancellationToken).ConfigureAwait(false);
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    private static ApiKeyStore FromDocument(string path, ApiKeyFileDocument document)
    {
        if (document.Version != FormatVersion)
        {
            throw new InvalidDataException($"API keys file '{path}' has version {document.Version}; this build reads version {FormatVersion} only.");
        }

        var entries = new ApiKeyEntry[document.Keys.Count];
        var hashes = new byte[entries.Length * HashBytes];
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < entries.Length; i++)
        {
            var key = document.Keys[i];
            if (!IsValidKeyId(key.Id) || !ids.Add(key.Id))
            {
                throw new InvalidDataException($"API keys file '{path}': keys[{i}] has a missing, malformed or repeated id.");
            }

            var roles = ApiKeyRoles.None;
            foreach (var name in key.Roles)
            {
                if (!ApiKeyRoleNames.TryParse(name, out var role))
                {
                    throw new InvalidDataException($"API keys file '{path}': key '{key.Id}' has an unknown role; use {ApiKeyRoleNames.List}.");
                }

                roles |= role;
            }

            if (key.Sha256 is not { Length: HashBytes * 2 } || !IsLowerHex(key.Sha256))
            {
                throw new InvalidDataException($"API keys file '{path}': key '{key.Id}' needs sha256 as 64 lower-case hex characters.");
            }

            Convert.FromHexString(key.Sha256, hashes.AsSpan(i * HashBytes, HashBytes), out _, out _);
            entries[i] = new ApiKeyEntry(key.Id, roles, key.CreatedAt);
        }

        return new ApiKeyStore(path, entries, hashes);
    }

    private static bool IsLowerHex(string text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiHexDigitLower(c) && !char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
