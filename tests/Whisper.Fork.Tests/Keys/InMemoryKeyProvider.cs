using System.Security.Cryptography;

using Whisper.Fork.Keys;

namespace Whisper.Fork.Tests.Keys;

/// <summary>A key provider held in memory, for tests that need to add, swap or drop master keys freely.</summary>
internal sealed class InMemoryKeyProvider : IKeyProvider, IDisposable
{
    private readonly Dictionary<string, byte[]> _keys = new(StringComparer.Ordinal);
    private readonly ECDsa _signing = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public InMemoryKeyProvider(string currentKeyId = "mk-20250101-00000001")
    {
        Add(currentKeyId);
        CurrentKeyId = currentKeyId;
    }

    public string CurrentKeyId { get; set; }

    /// <summary>Adds a random key under <paramref name="keyId"/> (or the given bytes) and returns its bytes.</summary>
    public byte[] Add(string keyId, byte[]? key = null)
    {
        key ??= RandomNumberGenerator.GetBytes(32);
        _keys[keyId] = key;
        return key;
    }

    public void Remove(string keyId) => _keys.Remove(keyId);

    public void CopyMasterKey(string keyId, Span<byte> destination32)
    {
        if (!_keys.TryGetValue(keyId, out var key))
        {
            throw new MissingKeyException(keyId);
        }

        key.CopyTo(destination32);
    }

    public ECDsa OpenSigningKey()
    {
        var key = ECDsa.Create();
        key.ImportParameters(_signing.ExportParameters(includePrivateParameters: true));
        return key;
    }

    public ECDsa OpenVerificationKey()
    {
        var key = ECDsa.Create();
        key.ImportParameters(_signing.ExportParameters(includePrivateParameters: false));
        return key;
    }

    public void Dispose() => _signing.Dispose();
}
