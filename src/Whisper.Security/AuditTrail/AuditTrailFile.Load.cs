using Whisper.Security.Transparency;

namespace Whisper.Security.AuditTrail;

public sealed partial class AuditTrailFile
{
    /// <summary>Reads the header and every record, checking the chain; cuts a torn last line (a crash mid-append).</summary>
    private static AuditTrailFile Load(string path, FileStream stream, FileStream lockFile, ITransparencyLog log, AuditTrailOptions options)
    {
        stream.Position = 0;
        var reader = new TrailLineReader(stream);
        if (!reader.TryReadLine(out var first, out var terminated) || !terminated)
        {
            // A crash while the header was written: nothing was ever recorded, start afresh.
            stream.SetLength(0);
            return Create(path, stream, lockFile, log, options);
        }

        if (!AuditTrailLines.TryParseHeader(first, out var header, out var headerProblem))
        {
            throw new InvalidDataException($"'{path}' is not an audit trail this build reads: {headerProblem}");
        }

        var offsets = new List<long>();
        var head = header.Hash;
        var length = stream.Length;
        long torn = 0;
        while (reader.TryReadLine(out var line, out terminated))
        {
            if (!terminated)
            {
                torn = length - reader.LineOffset;
                length = reader.LineOffset;
                break;
            }

            var expected = offsets.Count + 1;
            if (AuditTrailVerifier.ChainBreak(line, expected, head, out var record) is { } problem)
            {
                throw new InvalidDataException(
                    $"Audit trail '{path}' is broken at line {reader.LineNumber} (record {expected}): {problem.Reason} Run 'whisper audit-trail verify' and investigate before writing to it.");
            }

            offsets.Add(reader.LineOffset);
            head = record.Hash;
        }

        if (torn > 0)
        {
            stream.SetLength(length);
            stream.Flush(flushToDisk: true);
        }

        return new AuditTrailFile(path, stream, lockFile, log, options, header, offsets, length, head, torn);
    }
}
