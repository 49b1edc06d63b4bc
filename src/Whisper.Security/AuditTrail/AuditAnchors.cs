using System.Globalization;

using Whisper.Security.Transparency;

namespace Whisper.Security.AuditTrail;

/// <summary>
/// How a trail's chain head is written into the transparency log: a <see cref="LogEntryKind.Audit"/> entry whose subject
/// is <c>audit-trail &lt;trail id&gt; seq &lt;n&gt;</c> and whose digest is record n's hash (n = 0: the header's hash).
/// </summary>
public static class AuditAnchors
{
    private const string Prefix = "audit-trail ";
    private const string SequenceWord = " seq ";

    public static string Subject(string trailId, long sequence) =>
        string.Create(CultureInfo.InvariantCulture, $"{Prefix}{trailId}{SequenceWord}{sequence}");

    /// <summary>The anchor entry for record <paramref name="sequence"/> whose hash is <paramref name="hash"/>.</summary>
    public static LogEntry Entry(string trailId, long sequence, string hash, DateTimeOffset time) =>
        new(LogEntryKind.Audit, Subject(trailId, sequence), hash, time);

    /// <summary>True when <paramref name="entry"/> anchors trail <paramref name="trailId"/>; gives the anchored sequence.</summary>
    public static bool TryParse(LogEntry entry, string trailId, out long sequence)
    {
        ArgumentNullException.ThrowIfNull(entry);
        sequence = -1;
        var subject = entry.Subject.AsSpan();
        if (entry.Kind != LogEntryKind.Audit || !subject.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        subject = subject[Prefix.Length..];
        if (!subject.StartsWith(trailId, StringComparison.Ordinal) || !subject[trailId.Length..].StartsWith(SequenceWord, StringComparison.Ordinal))
        {
            return false;
        }

        return long.TryParse(subject[(trailId.Length + SequenceWord.Length)..], NumberStyles.None, CultureInfo.InvariantCulture, out sequence);
    }
}
