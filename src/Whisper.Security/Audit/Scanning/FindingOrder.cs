namespace Whisper.Security.Audit.Scanning;

/// <summary>Path, then position (line and column, or byte offset), then rule id: the order of every report.</summary>
internal sealed class FindingOrder : IComparer<AuditFinding>
{
    public static FindingOrder Instance { get; } = new();

    public int Compare(AuditFinding? x, AuditFinding? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null || y is null)
        {
            return x is null ? -1 : 1;
        }

        var c = string.CompareOrdinal(x.Path, y.Path);
        if (c == 0)
        {
            c = x.Line.CompareTo(y.Line);
        }

        if (c == 0)
        {
            c = x.Column.CompareTo(y.Column);
        }

        if (c == 0)
        {
            c = x.ByteOffset.CompareTo(y.ByteOffset);
        }

        if (c == 0)
        {
            c = string.CompareOrdinal(x.RuleId, y.RuleId);
        }

        return c == 0 ? string.CompareOrdinal(x.Evidence, y.Evidence) : c;
    }
}
