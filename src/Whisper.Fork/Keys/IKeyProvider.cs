using System.Security.Cryptography;

namespace Whisper.Fork.Keys;

/// <summary>
/// The keys of one fork: AES-256 master keys that wrap per-chunk data keys, and the ECDSA P-256 pair that signs
/// manifests. Implementations are safe to call from several threads.
/// </summary>
public interface IKeyProvider
{
    /// <summary>Id of the master key that wraps new data keys.</summary>
    string CurrentKeyId { get; }

    /// <summary>Copies the 32-byte master key <paramref name="keyId"/> into <paramref name="destination32"/>; the caller zeroes it after use.</summary>
    /// <exception cref="MissingKeyException">This provider does not hold <paramref name="keyId"/>.</exception>
    void CopyMasterKey(string keyId, Span<byte> destination32);

    /// <summary>A new handle on the private ECDSA P-256 key that signs manifests; the caller disposes it.</summary>
    ECDsa OpenSigningKey();

    /// <summary>A new handle on the public half of the signing pair; the caller disposes it.</summary>
    ECDsa OpenVerificationKey();
}
