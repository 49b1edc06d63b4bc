using Whisper.Security.Transparency;

namespace Whisper.Server.Transparency;

/// <summary>
/// A signed tree head on the wire (HTTP and <c>whisper tlog</c>): hashes and the signature in base64, the timestamp in
/// milliseconds since the Unix epoch exactly as signed. <see cref="PublicKey"/> is the signer's DER SPKI in base64 as
/// a convenience; a verifier pins the key (or <see cref="KeyId"/>) it trusts rather than taking it from here.
/// </summary>
public sealed record SignedTreeHeadDocument(long TreeSize, string RootHash, long Timestamp, string KeyId, string Algorithm, string Signature, string? PublicKey)
{
    public static SignedTreeHeadDocument From(SignedTreeHead head, byte[]? publicKey)
    {
        ArgumentNullException.ThrowIfNull(head);
        return new(head.TreeSize, Convert.ToBase64String(head.RootHash), head.Timestamp.ToUnixTimeMilliseconds(), head.KeyId,
            SignedTreeHead.Algorithm, Convert.ToBase64String(head.Signature), publicKey is null ? null : Convert.ToBase64String(publicKey));
    }

    /// <summary>The head this document describes; false when a field is not valid base64 or the timestamp is out of range.</summary>
    public bool TryToSignedTreeHead(out SignedTreeHead? head)
    {
        head = null;
        var root = new byte[32];
        var signature = new byte[64];
        if (!Convert.TryFromBase64String(RootHash ?? "", root, out var rootLength) || rootLength != root.Length
            || !Convert.TryFromBase64String(Signature ?? "", signature, out var signatureLength) || signatureLength != signature.Length
            || Timestamp < 0 || Timestamp > DateTimeOffset.MaxValue.ToUnixTimeMilliseconds() || KeyId is null)
        {
            return false;
        }

        head = new SignedTreeHead(TreeSize, root, DateTimeOffset.FromUnixTimeMilliseconds(Timestamp), KeyId, signature);
        return true;
    }
}
