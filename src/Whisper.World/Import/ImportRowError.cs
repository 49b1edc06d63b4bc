namespace Whisper.World.Import;

/// <summary>A malformed row: where (1-based line and column, with the column's name) and what was expected.</summary>
public sealed record ImportRowError(int Line, int Column, string ColumnName, string Message)
{
    public override string ToString() => $"line {Line}, column {Column} ({ColumnName}): {Message}";
}
