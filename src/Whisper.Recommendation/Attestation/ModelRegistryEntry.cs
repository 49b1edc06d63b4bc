namespace Whisper.Recommendation.Attestation;

/// <summary>
/// One approved model file (docs/model-attestation.md, "Registry"): what it is, its SHA-256, who approved it when, and
/// the transparency-log evidence that the approval was logged — the leaf, its index and an inclusion proof against a
/// signed tree head — so it verifies offline with nothing but the log's public key.
/// </summary>
/// <param name="Version">What feed responses name (<c>two-tower/&lt;lineage&gt;</c>, a ranker version, …).</param>
/// <param name="VersionId">The log entry's subject: <c>&lt;version&gt;@&lt;position&gt;</c> for checkpoints, else the version.</param>
/// <param name="Kind"><c>checkpoint</c> or <c>file</c>.</param>
/// <param name="FileName">The approved file's name (no directory): informational.</param>
/// <param name="Position">Log position of a checkpoint; null for other files.</param>
/// <param name="Size">Bytes.</param>
/// <param name="Sha256">SHA-256 of the file's exact bytes, 64 lowercase hex digits (the log entry's digest).</param>
/// <param name="ApprovedAt">The log entry's timestamp.</param>
/// <param name="Approver">Who approved: recorded here only, not in the log leaf (see the doc's threat model).</param>
/// <param name="Log">Where and how the approval is logged.</param>
public sealed record ModelRegistryEntry(
    string Version,
    string VersionId,
    string Kind,
    string FileName,
    long? Position,
    long Size,
    string Sha256,
    DateTimeOffset ApprovedAt,
    string Approver,
    ModelLogEvidence Log);

/// <summary>The log evidence of one approval: leaf <see cref="Index"/>, its canonical bytes and hash, and an inclusion proof under <see cref="TreeHead"/>.</summary>
/// <param name="Index">0-based leaf index.</param>
/// <param name="Leaf">Canonical leaf bytes (docs/security/transparency-log.md, "Leaf"), base64.</param>
/// <param name="LeafHash">RFC 6962 leaf hash, base64.</param>
/// <param name="InclusionProof">Audit path from the leaf to <see cref="TreeHead"/>'s root, base64 hashes, leaf end first.</param>
/// <param name="TreeHead">The signed head the proof is against (the head the approval's append returned).</param>
public sealed record ModelLogEvidence(long Index, string Leaf, string LeafHash, IReadOnlyList<string> InclusionProof, RegistryTreeHead TreeHead);

/// <summary>A signed tree head as the registry stores it: the fields of <see cref="Security.Transparency.SignedTreeHead"/>, hashes and signature base64.</summary>
public sealed record RegistryTreeHead(long TreeSize, string RootHash, long Timestamp, string KeyId, string Signature);
