using System.Text.Json;

using Whisper.Core.Integrity;
using Whisper.Security.Transparency;

namespace Whisper.Security.Compliance.Probes;

public sealed partial class TransparencyLogProbe
{
    /// <summary>
    /// Null when the head saved in <paramref name="headPath"/> (the JSON <c>whisper tlog head</c> prints:
    /// treeSize, rootHash, timestamp, keyId, signature) is signed by the pinned key and the log now extends it.
    /// </summary>
    private static string? CheckPinnedHead(string headPath, TransparencyLog log, byte[] spki, long size, byte[] root)
    {
        if (!TryReadHead(headPath, out var head, out var problem))
        {
            return $"--tlog-head {headPath} is not a signed tree head: {problem}";
        }

        if (!head.Verify(spki))
        {
            return $"--tlog-head {headPath}: the signature does not verify against head-signing.spki (or keyId names another key)";
        }

        if (head.TreeSize > size)
        {
            return $"--tlog-head {headPath} vouches for {head.TreeSize} leaves but the log holds {size}: leaves were removed";
        }

        var proof = head.TreeSize == 0 ? [] : log.ConsistencyProof(head.TreeSize, size);
        return MerkleTree.VerifyConsistency(head.TreeSize, size, head.RootHash, root, proof)
            ? null
            : $"--tlog-head {headPath}: the log is not consistent with that head (size {head.TreeSize}): its history was rewritten";
    }

    private static bool TryReadHead(string path, out SignedTreeHead head, out string problem)
    {
        head = null!;
        problem = "";
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            var json = document.RootElement;
            var root = new byte[MerkleTree.HashSize];
            var signature = new byte[64];
            if (json.ValueKind != JsonValueKind.Object
                || !json.TryGetProperty("treeSize", out var treeSize) || !treeSize.TryGetInt64(out var sizeValue) || sizeValue < 0
                || !json.TryGetProperty("timestamp", out var timestamp) || !timestamp.TryGetInt64(out var ms) || ms < 0
                || ms > DateTimeOffset.MaxValue.ToUnixTimeMilliseconds()
                || !json.TryGetProperty("keyId", out var keyId) || keyId.ValueKind != JsonValueKind.String
                || !TryBase64(json, "rootHash", root) || !TryBase64(json, "signature", signature))
            {
                problem = "it needs treeSize, timestamp (ms), keyId, rootHash (32 bytes base64) and signature (64 bytes base64)";
                return false;
            }

            head = new SignedTreeHead(sizeValue, root, DateTimeOffset.FromUnixTimeMilliseconds(ms), keyId.GetString()!, signature);
            return true;
        }
        catch (JsonException e)
        {
            problem = $"not JSON ({e.Message})";
            return false;
        }
    }

    private static bool TryBase64(JsonElement json, string name, byte[] destination) =>
        json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
        && Convert.TryFromBase64String(value.GetString()!, destination, out var written) && written == destination.Length;
}
