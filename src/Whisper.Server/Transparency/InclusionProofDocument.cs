namespace Whisper.Server.Transparency;

/// <summary>
/// RFC 6962 audit path for leaf <see cref="Index"/> in the tree of <see cref="TreeSize"/> leaves, base64 hashes leaf
/// end first. <see cref="RootHash"/> is the log's root for that size: compare it with a signed head, do not trust it alone.
/// </summary>
public sealed record InclusionProofDocument(long Index, long TreeSize, string LeafHash, string RootHash, IReadOnlyList<string> Proof);
