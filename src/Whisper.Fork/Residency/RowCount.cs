namespace Whisper.Fork.Residency;

/// <summary>Rows of one kind that a <see cref="ResidentSetBuilder"/> saw, and how many of them travel.</summary>
public readonly record struct RowCount(long Seen, long Included)
{
    /// <summary>Rows that stay behind.</summary>
    public long Excluded => Seen - Included;
}
