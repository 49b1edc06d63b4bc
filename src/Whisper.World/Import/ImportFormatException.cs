namespace Whisper.World.Import;

/// <summary>
/// A data file is malformed at a known place. Nothing of the current batch is stored; earlier batches are (and a
/// re-import skips them as duplicates). Fix the row or import with <see cref="ImportOptions.SkipBad"/>.
/// </summary>
public sealed class ImportFormatException : FormatException
{
    public ImportFormatException(string file, int line, int column, string columnName, string reason)
        : base($"{file}: line {line}, column {column} ({columnName}): {reason}")
    {
        File = file;
        Line = line;
        Column = column;
        ColumnName = columnName;
        Reason = reason;
    }

    public ImportFormatException()
        : this("", 0, 0, "", "malformed data file")
    {
    }

    public ImportFormatException(string message)
        : this("", 0, 0, "", message)
    {
    }

    public ImportFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
        File = "";
        ColumnName = "";
        Reason = message;
    }

    /// <summary>File name (without directory) of the data file.</summary>
    public string File { get; }

    /// <summary>1-based line number.</summary>
    public int Line { get; }

    /// <summary>1-based column number.</summary>
    public int Column { get; }

    /// <summary>Name of the column, as the format defines it (also for header-less files).</summary>
    public string ColumnName { get; }

    /// <summary>What was expected and what was found, without the location.</summary>
    public string Reason { get; }
}
