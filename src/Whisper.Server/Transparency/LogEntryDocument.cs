using Whisper.Security.Transparency;

namespace Whisper.Server.Transparency;

/// <summary>
/// One logged entry: its fields, its RFC 6962 leaf hash and the canonical leaf bytes (base64), so a reader can
/// re-hash the leaf and check it against an inclusion proof without trusting the decoded fields.
/// </summary>
public sealed record LogEntryDocument(long Index, string Kind, string Subject, string Sha256, DateTimeOffset Timestamp, string LeafHash, string Leaf)
{
    public static LogEntryDocument From(long index, LogEntry entry, byte[] leafHash)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new(index, entry.Kind.ToWireName(), entry.Subject, entry.Sha256, entry.Timestamp, Convert.ToBase64String(leafHash), Convert.ToBase64String(entry.ToLeafBytes()));
    }
}
