namespace Whisper.Security.Transparency;

/// <summary>
/// An append-only RFC 6962 log of <see cref="LogEntry"/> leaves with signed tree heads
/// (docs/security/transparency-log.md). Anyone holding the log's public key checks what it returns with Core's
/// <see cref="Core.Integrity.MerkleTree.VerifyInclusion"/>, <see cref="Core.Integrity.MerkleTree.VerifyConsistency"/>
/// and <see cref="SignedTreeHead.Verify"/>; nothing here needs to be trusted.
/// </summary>
public interface ITransparencyLog
{
    /// <summary>Leaves in the log now.</summary>
    long Size { get; }

    /// <summary>The latest signed tree head (signed after each append, and once on open).</summary>
    SignedTreeHead Head { get; }

    /// <summary>The head signer's public key, DER SubjectPublicKeyInfo (what <see cref="SignedTreeHead.Verify"/> takes).</summary>
    byte[] PublicKey { get; }

    /// <summary>Appends one entry; it is on disk (fsync'd) when the task completes.</summary>
    Task<AppendResult> AppendAsync(LogEntry entry, CancellationToken cancellationToken = default);

    /// <summary>Appends entries in order, as one durable batch (one fsync per file); all or none.</summary>
    Task<AppendResult> AppendBatchAsync(IReadOnlyList<LogEntry> entries, CancellationToken cancellationToken = default);

    /// <summary>The entry at <paramref name="index"/> (0-based).</summary>
    LogEntry ReadEntry(long index);

    /// <summary>The canonical leaf bytes at <paramref name="index"/>.</summary>
    byte[] ReadLeaf(long index);

    /// <summary>RFC 6962 leaf hash of the leaf at <paramref name="index"/>.</summary>
    byte[] LeafHash(long index);

    /// <summary>Root of the tree of the first <paramref name="treeSize"/> leaves.</summary>
    byte[] RootHash(long treeSize);

    /// <summary>Audit path for leaf <paramref name="index"/> in the tree of <paramref name="treeSize"/> leaves, leaf end first.</summary>
    IReadOnlyList<byte[]> InclusionProof(long index, long treeSize);

    /// <summary>Proof that the tree of <paramref name="oldSize"/> leaves is a prefix of the tree of <paramref name="newSize"/>.</summary>
    IReadOnlyList<byte[]> ConsistencyProof(long oldSize, long newSize);
}
