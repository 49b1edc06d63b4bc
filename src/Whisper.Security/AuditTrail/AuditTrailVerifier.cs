using System.Globalization;

using Whisper.Core.Integrity;
using Whisper.Security.Transparency;

namespace Whisper.Security.AuditTrail;

/// <summary>
/// Checks a trail file: recomputes the chain record by record, then checks it against every anchor of the trail in the
/// transparency log (each anchor proved included in the log's signed head). A file rewritten and re-chained from scratch
/// passes the first check and fails the second: its hashes no longer match what the log recorded.
/// </summary>
public static class AuditTrailVerifier
{
    /// <exception cref="FileNotFoundException">No file at <paramref name="trailPath"/>.</exception>
    /// <exception cref="InvalidDataException">The file is not an audit trail at all, or the log's head signature does not verify.</exception>
    public static AuditTrailVerification Verify(string trailPath, ITransparencyLog log)
    {
        ArgumentException.ThrowIfNullOrEmpty(trailPath);
        ArgumentNullException.ThrowIfNull(log);
        using var stream = new FileStream(trailPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var reader = new TrailLineReader(stream);
        if (!reader.TryReadLine(out var first, out _) || !first.StartsWith("{\"format\":\"whisper-audit-trail\""u8))
        {
            throw new InvalidDataException($"'{trailPath}' is not an audit trail: its first line is not a whisper-audit-trail header.");
        }

        if (!AuditTrailLines.TryParseHeader(first, out var header, out var headerProblem))
        {
            return Broken("", 0, 0, 1, $"the header is damaged: {headerProblem}", 0, 0, 0);
        }

        var anchors = ReadAnchors(log, header.TrailId);
        var lastAnchored = anchors.Count == 0 ? -1 : anchors.Keys.Max();
        if (!anchors.TryGetValue(0, out var genesis))
        {
            return Broken(header.TrailId, 0, 0, 1,
                "the log holds no genesis anchor for this trail: the header or the whole file was replaced, or the trail was never anchored in this log.",
                anchors.Count, lastAnchored, 0);
        }

        if (Mismatch(genesis, header.Hash) is { } genesisIndex)
        {
            return Broken(header.TrailId, 0, 0, 1, string.Create(CultureInfo.InvariantCulture,
                $"the header's hash differs from the genesis anchor at log index {genesisIndex}: the file was replaced."), anchors.Count, lastAnchored, 0);
        }

        var head = header.Hash;
        long records = 0;
        long matchedAnchor = 0;
        long torn = 0;
        while (reader.TryReadLine(out var line, out var terminated))
        {
            if (!terminated)
            {
                torn = stream.Length - reader.LineOffset;
                break;
            }

            var expected = records + 1;
            if (ChainBreak(line, expected, head, out var record) is { } chainBreak)
            {
                return Broken(header.TrailId, records, chainBreak.Sequence, chainBreak.Sequence == expected ? reader.LineNumber : reader.LineNumber - 1,
                    chainBreak.Reason, anchors.Count, lastAnchored, torn);
            }

            if (anchors.TryGetValue(expected, out var anchored))
            {
                if (Mismatch(anchored, record.Hash) is { } index)
                {
                    return Broken(header.TrailId, records, expected, reader.LineNumber, string.Create(CultureInfo.InvariantCulture,
                        $"record {expected}'s hash differs from its anchor at log index {index}: history after record {matchedAnchor} up to record {expected} was rewritten and re-chained."),
                        anchors.Count, lastAnchored, torn);
                }

                matchedAnchor = expected;
            }

            records = expected;
            head = record.Hash;
        }

        if (lastAnchored > records)
        {
            return Broken(header.TrailId, records, records + 1, null, string.Create(CultureInfo.InvariantCulture,
                $"the log anchors record {lastAnchored} but the file ends at record {records}: records from {records + 1} on were removed."),
                anchors.Count, lastAnchored, torn);
        }

        return new AuditTrailVerification(true, header.TrailId, records, anchors.Values.Sum(static a => a.Count), lastAnchored, null, null, null, torn);
    }

    /// <summary>Where a record line breaks the chain: the broken record and why; null when the line is record <paramref name="expected"/> and chains on <paramref name="previousHash"/>.</summary>
    internal static (long Sequence, string Reason)? ChainBreak(ReadOnlySpan<byte> line, long expected, string previousHash, out AuditRecord record)
    {
        if (!AuditTrailLines.TryParseRecord(line, out record, out var problem))
        {
            return (expected, $"record {expected.ToString(CultureInfo.InvariantCulture)} is unreadable: {problem}");
        }

        if (record.Sequence != expected)
        {
            return (expected, string.Create(CultureInfo.InvariantCulture,
                $"record {expected} is missing or out of order: the line holds record {record.Sequence}."));
        }

        if (AuditHash.Record(record) != record.Hash)
        {
            return (expected, string.Create(CultureInfo.InvariantCulture, $"record {expected}'s hash does not match its contents: it was edited."));
        }

        if (record.PreviousHash != previousHash)
        {
            return expected == 1
                ? (0, "record 1 does not chain on the header: the header was replaced.")
                : (expected - 1, string.Create(CultureInfo.InvariantCulture,
                    $"record {expected}'s prev is not record {expected - 1}'s hash: record {expected - 1} was edited and re-hashed, or records were removed."));
        }

        return null;
    }

    /// <summary>The trail's anchors in the log by sequence: each anchored hash with its log index, inclusion checked against the signed head.</summary>
    private static Dictionary<long, List<(long Index, string Hash)>> ReadAnchors(ITransparencyLog log, string trailId)
    {
        var head = log.Head;
        if (!head.Verify(log.PublicKey))
        {
            throw new InvalidDataException("The transparency log's signed head does not verify with its public key; the log itself is damaged.");
        }

        var anchors = new Dictionary<long, List<(long, string)>>();
        for (long index = 0; index < head.TreeSize; index++)
        {
            var entry = log.ReadEntry(index);
            if (!AuditAnchors.TryParse(entry, trailId, out var sequence))
            {
                continue;
            }

            var leafHash = MerkleTree.LeafHash(entry.ToLeafBytes());
            if (!MerkleTree.VerifyInclusion(index, head.TreeSize, leafHash, log.InclusionProof(index, head.TreeSize), head.RootHash))
            {
                throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                    $"The anchor at log index {index} fails its inclusion proof against the signed head; the log itself is damaged."));
            }

            if (!anchors.TryGetValue(sequence, out var list))
            {
                anchors[sequence] = list = [];
            }

            list.Add((index, entry.Sha256));
        }

        return anchors;
    }

    /// <summary>The log index of the first anchor whose hash is not <paramref name="hash"/>, or null when all match.</summary>
    private static long? Mismatch(List<(long Index, string Hash)> anchors, string hash)
    {
        foreach (var (index, anchored) in anchors)
        {
            if (!string.Equals(anchored, hash, StringComparison.Ordinal))
            {
                return index;
            }
        }

        return null;
    }

    private static AuditTrailVerification Broken(string trailId, long records, long sequence, long? line, string problem, int anchors, long lastAnchored, long torn) =>
        new(false, trailId, records, anchors, lastAnchored, sequence, line, problem, torn);
}
