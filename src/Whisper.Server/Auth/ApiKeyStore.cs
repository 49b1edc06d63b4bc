using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace Whisper.Server.Auth;

/// <summary>
/// The API keys a server accepts, loaded from the keys file. Only SHA-256 hashes are held: a key has 256
/// random bits, so a fast hash is enough (a slow password KDF buys nothing against a 2^256 search).
/// Verification hashes the presented key and compares it with every stored hash in constant time.
/// </summary>
public sealed partial class ApiKeyStore
{
    /// <summary>The only keys file version this build reads and writes.</summary>
    public const int FormatVersion = 1;

    /// <summary>Every generated key starts with this, so secret scanners and humans recognise one.</summary>
    public const string KeyPrefix = "whk_";

    /// <summary>Longer presented keys are rejected before hashing (a generated key is 47 characters).</summary>
    public const int MaxPresentedKeyChars = 256;

    private const int HashBytes = 32;

    private readonly ApiKeyEntry[] _entries;
    private readonly byte[] _hashes;

    private ApiKeyStore(string path, ApiKeyEntry[] entries, byte[] hashes)
    {
        Path = path;
        _entries = entries;
        _hashes = hashes;
    }

    /// <summary>The keys file this store was read from.</summary>
    public string Path { get; }

    /// <summary>The keys (ids and roles, no secrets).</summary>
    public IReadOnlyList<ApiKeyEntry> Keys => _entries;

    /// <summary>
    /// Finds the key whose hash matches <paramref name="presentedKey"/>. Every stored hash is compared with
    /// <see cref="CryptographicOperations.FixedTimeEquals"/>, so the time taken does not depend on how much
    /// of a guess is right.
    /// </summary>
    public bool TryVerify(ReadOnlySpan<char> presentedKey, [NotNullWhen(true)] out ApiKeyEntry? entry)
    {
        entry = null;
        if (presentedKey.IsEmpty || presentedKey.Length > MaxPresentedKeyChars)
        {
            return false;
        }

        Span<byte> utf8 = stackalloc byte[MaxPresentedKeyChars * 3];
        var length = Encoding.UTF8.GetBytes(presentedKey, utf8);
        Span<byte> hash = stackalloc byte[HashBytes];
        SHA256.HashData(utf8[..length], hash);
        CryptographicOperations.ZeroMemory(utf8[..length]);

        var match = -1;
        for (var i = 0; i < _entries.Length; i++)
        {
            var equal = CryptographicOperations.FixedTimeEquals(hash, _hashes.AsSpan(i * HashBytes, HashBytes));
            match = equal ? i : match;
        }

        if (match < 0)
        {
            return false;
        }

        entry = _entries[match];
        return true;
    }

    /// <summary>Hashes a key the way the keys file stores it: lower-case hex SHA-256 of its UTF-8 text.</summary>
    public static string HashKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
    }

    /// <summary>True for ids that are safe to log and to use as file entries: 1-64 of [A-Za-z0-9._-].</summary>
    public static bool IsValidKeyId(string? id)
    {
        if (id is not { Length: > 0 and <= 64 })
        {
            return false;
        }

        foreach (var c in id)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('.' or '_' or '-'))
            {
                return false;
            }
        }

        return true;
    }
}
