using System.Security.Cryptography;

using Whisper.Core.Integrity;

namespace Whisper.Security.Transparency;

/// <summary>
/// Signs tree heads with one ECDSA P-256 key. <see cref="OpenOrCreate"/> keeps the key in a DER PKCS#8 file, created
/// 0600 on first use, with the public key beside it (<see cref="PublicKeyPath"/>, DER SubjectPublicKeyInfo) for
/// whoever verifies heads. The key never leaves this object: not in messages, logs or <see cref="ToString"/>.
/// </summary>
public sealed partial class TreeHeadSigner : IDisposable
{
    /// <summary>The key file's name inside a log directory when no other path is given.</summary>
    public const string DefaultKeyFileName = "head-signing.pkcs8";

    // 1.2.840.10045.3.1.7: the NIST P-256 curve.
    internal const string P256Oid = "1.2.840.10045.3.1.7";

    private readonly ECDsa _key;

    private TreeHeadSigner(ECDsa key, string? keyPath, bool created)
    {
        _key = key;
        KeyPath = keyPath;
        CreatedKey = created;
        PublicKey = key.ExportSubjectPublicKeyInfo();
        KeyId = SignedTreeHead.KeyIdOf(PublicKey);
    }

    /// <summary>The verification key: DER SubjectPublicKeyInfo (91 bytes for P-256).</summary>
    public byte[] PublicKey { get; }

    /// <summary>SHA-256 of <see cref="PublicKey"/>, lowercase hex: what a signed head names.</summary>
    public string KeyId { get; }

    /// <summary>The private key file, or null for an ephemeral signer.</summary>
    public string? KeyPath { get; }

    /// <summary>True when <see cref="OpenOrCreate"/> made a new key rather than loading one.</summary>
    public bool CreatedKey { get; }

    /// <summary>A signer whose key lives only in memory (tests, benchmarks).</summary>
    public static TreeHeadSigner CreateEphemeral() => new(ECDsa.Create(ECCurve.NamedCurves.nistP256), keyPath: null, created: true);

    /// <summary>Signs (tree size, root, timestamp); the timestamp is truncated to whole milliseconds first.</summary>
    public SignedTreeHead Sign(long treeSize, ReadOnlySpan<byte> rootHash, DateTimeOffset timestamp)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(treeSize);
        if (rootHash.Length != MerkleTree.HashSize)
        {
            throw new ArgumentException($"A root hash is {MerkleTree.HashSize} bytes; got {rootHash.Length}.", nameof(rootHash));
        }

        var ms = timestamp.ToUnixTimeMilliseconds();
        ArgumentOutOfRangeException.ThrowIfNegative(ms, nameof(timestamp));
        var at = DateTimeOffset.FromUnixTimeMilliseconds(ms);
        Span<byte> signed = stackalloc byte[SignedTreeHead.SignedBytesLength];
        SignedTreeHead.WriteSignedBytes(treeSize, rootHash, at, signed);
        var signature = _key.SignData(signed, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return new SignedTreeHead(treeSize, rootHash.ToArray(), at, KeyId, signature);
    }

    public void Dispose() => _key.Dispose();

    public override string ToString() => $"tree head signer {KeyId}";
}
