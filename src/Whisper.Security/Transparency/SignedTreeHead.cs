using System.Buffers.Binary;
using System.Security.Cryptography;

using Whisper.Core.Integrity;

namespace Whisper.Security.Transparency;

/// <summary>
/// A tree head the log vouches for: the tree of <see cref="TreeSize"/> leaves had root <see cref="RootHash"/> at
/// <see cref="Timestamp"/>, signed with ECDSA P-256 / SHA-256 by the key whose SPKI hashes to <see cref="KeyId"/>.
/// The signed bytes are RFC 6962 §3.5's <c>TreeHeadSignature</c> (<see cref="WriteSignedBytes"/>); the signature is
/// IEEE P1363 (r ‖ s, 64 bytes), as Whisper's manifest signatures are.
/// </summary>
/// <param name="TreeSize">Leaves in the tree.</param>
/// <param name="RootHash">RFC 6962 Merkle Tree Hash of those leaves (32 bytes).</param>
/// <param name="Timestamp">When the head was signed, UTC, whole milliseconds.</param>
/// <param name="KeyId">SHA-256 of the signing key's DER SubjectPublicKeyInfo, 64 lowercase hex digits.</param>
/// <param name="Signature">ECDSA P-256 over SHA-256 of the signed bytes, P1363 (64 bytes).</param>
public sealed record SignedTreeHead(long TreeSize, byte[] RootHash, DateTimeOffset Timestamp, string KeyId, byte[] Signature)
{
    /// <summary>Names the signature scheme on the wire.</summary>
    public const string Algorithm = "ECDSA-P256-SHA256";

    /// <summary>Length of the RFC 6962 TreeHeadSignature structure.</summary>
    public const int SignedBytesLength = 50;

    /// <summary>
    /// RFC 6962 §3.5 TreeHeadSignature, big-endian: version v1 (<c>00</c>) · signature_type tree_hash (<c>01</c>) ·
    /// timestamp, ms since the Unix epoch (8) · tree_size (8) · sha256_root_hash (32).
    /// </summary>
    public static void WriteSignedBytes(long treeSize, ReadOnlySpan<byte> rootHash, DateTimeOffset timestamp, Span<byte> destination)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(treeSize);
        if (rootHash.Length != MerkleTree.HashSize || destination.Length < SignedBytesLength)
        {
            throw new ArgumentException($"The root is {MerkleTree.HashSize} bytes and the destination at least {SignedBytesLength}.");
        }

        destination[0] = 0; // Version v1
        destination[1] = 1; // SignatureType tree_hash
        BinaryPrimitives.WriteUInt64BigEndian(destination[2..], (ulong)timestamp.ToUnixTimeMilliseconds());
        BinaryPrimitives.WriteUInt64BigEndian(destination[10..], (ulong)treeSize);
        rootHash.CopyTo(destination[18..]);
    }

    /// <summary>The key id of a DER SubjectPublicKeyInfo: SHA-256, lowercase hex.</summary>
    public static string KeyIdOf(ReadOnlySpan<byte> publicKeySpki) => Convert.ToHexStringLower(SHA256.HashData(publicKeySpki));

    /// <summary>
    /// True when this head is signed by the P-256 key <paramref name="publicKeySpki"/> (DER SubjectPublicKeyInfo) and
    /// <see cref="KeyId"/> names that key. False for any change to size, root, timestamp, key id or signature, and for
    /// malformed input (never throws on bad bytes).
    /// </summary>
    public bool Verify(ReadOnlySpan<byte> publicKeySpki)
    {
        if (TreeSize < 0 || RootHash is not { Length: MerkleTree.HashSize } || Signature is not { Length: 64 }
            || !string.Equals(KeyId, KeyIdOf(publicKeySpki), StringComparison.Ordinal)
            || Timestamp.ToUnixTimeMilliseconds() < 0)
        {
            return false;
        }

        using var key = ECDsa.Create();
        try
        {
            key.ImportSubjectPublicKeyInfo(publicKeySpki, out var read);
            if (read != publicKeySpki.Length || key.ExportParameters(false).Curve.Oid?.Value != TreeHeadSigner.P256Oid)
            {
                return false;
            }
        }
        catch (CryptographicException)
        {
            return false;
        }

        Span<byte> signed = stackalloc byte[SignedBytesLength];
        WriteSignedBytes(TreeSize, RootHash, Timestamp, signed);
        return key.VerifyData(signed, Signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }
}
