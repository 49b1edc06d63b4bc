namespace Whisper.Fork.Keys;

/// <summary>
/// A master key needed to open data is not available. The message names the key id (never key material) and the
/// fix: copy the key file from the key directory of the site that sealed the data.
/// </summary>
public sealed class MissingKeyException : Exception
{
    public MissingKeyException(string keyId)
        : base(Describe(keyId, keyDirectory: null))
    {
        KeyId = keyId;
    }

    public MissingKeyException(string keyId, string? keyDirectory)
        : base(Describe(keyId, keyDirectory))
    {
        KeyId = keyId;
        KeyDirectory = keyDirectory;
    }

    /// <summary>Id of the master key that is missing.</summary>
    public string KeyId { get; }

    /// <summary>The key directory that was searched, when the provider has one.</summary>
    public string? KeyDirectory { get; }

    /// <summary>The file that holds the key in a <see cref="FileKeyProvider"/> directory.</summary>
    public string KeyFileName => FileKeyProvider.MasterKeyFileName(KeyId);

    private static string Describe(string keyId, string? keyDirectory)
    {
        ArgumentNullException.ThrowIfNull(keyId);
        var target = keyDirectory is null ? "this site's key directory" : $"'{keyDirectory}'";
        return $"Master key '{keyId}' is not available. Copy the key file '{FileKeyProvider.MasterKeyFileName(keyId)}' "
            + $"from the key directory of the site that sealed the data into {target}, then retry.";
    }
}
