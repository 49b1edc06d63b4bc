using Whisper.Core.Integrity;
using Whisper.Security.Transparency;

namespace Whisper.Recommendation.Attestation;

/// <summary>
/// Checks registry entries offline against a pinned log public key: the leaf decodes to a <see cref="LogEntryKind.Model"/>
/// entry whose subject, digest and time are the entry's; the leaf hash is the leaf's; the inclusion proof leads from
/// it to the root of the tree head; and the head is signed by that key. Given the live log, also checks that the log
/// still holds that leaf at that index and that root at that size (so the head was not signed for another history).
/// </summary>
public static class ModelRegistryVerifier
{
    /// <summary>Null when <paramref name="entry"/> verifies, else one sentence saying what does not.</summary>
    public static string? Problem(ModelRegistryEntry entry, ReadOnlySpan<byte> publicKey, ITransparencyLog? live = null)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (entry.Log is null || entry.Log.TreeHead is null || entry.Log.InclusionProof is null)
        {
            return $"{entry.VersionId}: no log evidence.";
        }

        if (!TryBase64(entry.Log.Leaf, out var leaf) || !TryBase64(entry.Log.LeafHash, out var leafHash)
            || !TryHead(entry.Log.TreeHead, out var head) || !TryProof(entry.Log.InclusionProof, out var proof))
        {
            return $"{entry.VersionId}: log evidence is not valid base64.";
        }

        if (!LogEntry.TryFromLeafBytes(leaf, out var logged, out var leafProblem))
        {
            return $"{entry.VersionId}: the leaf does not decode ({leafProblem}).";
        }

        if (logged.Kind != LogEntryKind.Model || logged.Subject != entry.VersionId || logged.Sha256 != entry.Sha256
            || logged.Timestamp != entry.ApprovedAt || !entry.VersionId.StartsWith(entry.Version, StringComparison.Ordinal))
        {
            return $"{entry.VersionId}: the registry entry does not match its log leaf ({logged}).";
        }

        if (!MerkleTree.LeafHash(leaf).AsSpan().SequenceEqual(leafHash))
        {
            return $"{entry.VersionId}: the leaf hash is not the leaf's.";
        }

        if (!head.Verify(publicKey))
        {
            return $"{entry.VersionId}: the tree head is not signed by the pinned log key.";
        }

        if (!MerkleTree.VerifyInclusion(entry.Log.Index, head.TreeSize, leafHash, proof, head.RootHash))
        {
            return $"{entry.VersionId}: the inclusion proof of leaf {entry.Log.Index} does not lead to the tree head's root.";
        }

        return live is null ? null : LiveProblem(entry, leaf, head, live);
    }

    /// <summary>The head as <see cref="SignedTreeHead"/>.</summary>
    public static RegistryTreeHead From(SignedTreeHead head)
    {
        ArgumentNullException.ThrowIfNull(head);
        return new RegistryTreeHead(head.TreeSize, Convert.ToBase64String(head.RootHash), head.Timestamp.ToUnixTimeMilliseconds(), head.KeyId, Convert.ToBase64String(head.Signature));
    }

    private static string? LiveProblem(ModelRegistryEntry entry, byte[] leaf, SignedTreeHead head, ITransparencyLog live)
    {
        if (live.Size < head.TreeSize)
        {
            return $"{entry.VersionId}: the log has {live.Size} leaves, fewer than the registry's head ({head.TreeSize}); wrong log?";
        }

        if (!live.ReadLeaf(entry.Log.Index).AsSpan().SequenceEqual(leaf) || !live.RootHash(head.TreeSize).AsSpan().SequenceEqual(head.RootHash))
        {
            return $"{entry.VersionId}: the log holds another leaf or root at index {entry.Log.Index}; wrong log?";
        }

        return null;
    }

    private static bool TryHead(RegistryTreeHead document, out SignedTreeHead head)
    {
        head = null!;
        if (document.KeyId is null || document.Timestamp is < 0 or > 253_402_300_799_999 || !TryBase64(document.RootHash, out var root) || !TryBase64(document.Signature, out var signature))
        {
            return false;
        }

        head = new SignedTreeHead(document.TreeSize, root, DateTimeOffset.FromUnixTimeMilliseconds(document.Timestamp), document.KeyId, signature);
        return true;
    }

    private static bool TryProof(IReadOnlyList<string> encoded, out byte[][] proof)
    {
        proof = new byte[encoded.Count][];
        for (var i = 0; i < encoded.Count; i++)
        {
            if (!TryBase64(encoded[i], out proof[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static bool TryBase64(string? text, out byte[] bytes)
    {
        bytes = [];
        if (text is null)
        {
            return false;
        }

        try
        {
            bytes = Convert.FromBase64String(text);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
