namespace Whisper.Server.Transparency;

/// <summary>
/// RFC 6962 consistency proof that the tree of <see cref="From"/> leaves is a prefix of the tree of <see cref="To"/>
/// leaves, base64 hashes. The roots are the log's for those sizes: compare them with signed heads you hold.
/// </summary>
public sealed record ConsistencyProofDocument(long From, long To, string FromRoot, string ToRoot, IReadOnlyList<string> Proof);
