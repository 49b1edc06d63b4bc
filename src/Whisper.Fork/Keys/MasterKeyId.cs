using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;

namespace Whisper.Fork.Keys;

/// <summary>Master key ids: <c>mk-&lt;yyyyMMdd&gt;-&lt;8 lowercase hex&gt;</c>, e.g. <c>mk-20250114-3fa94c0e</c> (20 characters).</summary>
internal static class MasterKeyId
{
    /// <summary>Longest id a key directory accepts (ids are also file names).</summary>
    public const int MaxLength = 64;

    private static readonly SearchValues<char> Allowed =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-");

    /// <summary>A fresh id dated by <paramref name="timeProvider"/>'s UTC day and made unique by 32 random bits.</summary>
    public static string New(TimeProvider timeProvider) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"mk-{timeProvider.GetUtcNow():yyyyMMdd}-{RandomNumberGenerator.GetHexString(8, lowercase: true)}");

    /// <summary>
    /// Whether <paramref name="keyId"/> can name a key file: 1..64 of <c>[A-Za-z0-9._-]</c>, not starting with a dot.
    /// Ids this class makes always pass; the looser rule leaves room for other id schemes without allowing paths.
    /// </summary>
    public static bool IsValid(string? keyId) =>
        keyId is { Length: > 0 and <= MaxLength }
        && keyId[0] != '.'
        && !keyId.AsSpan().ContainsAnyExcept(Allowed);
}
