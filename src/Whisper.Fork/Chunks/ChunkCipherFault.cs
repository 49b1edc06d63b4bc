namespace Whisper.Fork.Chunks;

/// <summary>Why <see cref="ChunkCipher"/> refused a sealed chunk (<see cref="ChunkIntegrityException.Fault"/>).</summary>
public enum ChunkCipherFault
{
    /// <summary>Shorter than its header says it must be.</summary>
    Truncated = 1,

    /// <summary>Does not start with <c>WCHK</c>: not a sealed chunk.</summary>
    BadMagic,

    /// <summary>A format version this build does not read.</summary>
    UnknownVersion,

    /// <summary>The key id field is empty, not UTF-8, or holds control characters.</summary>
    BadKeyId,

    /// <summary>The wrapped data key failed authentication: wrong chunk id, tampered header, or a different master key under the same id.</summary>
    KeyUnwrapFailed,

    /// <summary>The payload failed authentication: wrong chunk id, or tampered nonce, tag or ciphertext.</summary>
    PayloadAuthenticationFailed,

    /// <summary>
    /// Set by checks above the cipher: the stored (sealed) bytes do not hash to what the manifest records.
    /// </summary>
    StoredHashMismatch,

    /// <summary>
    /// Set by checks above the cipher: the opened content is wrong (does not hash to its id, cannot be decoded,
    /// holds other records than the manifest says); the message says which.
    /// </summary>
    ContentMismatch,
}
