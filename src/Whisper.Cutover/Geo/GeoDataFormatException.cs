namespace Whisper.Cutover.Geo;

/// <summary>A geo-IP range file that cannot be served; <see cref="Exception.Message"/> starts with <c>file:line:</c>.</summary>
public sealed class GeoDataFormatException : Exception
{
    public GeoDataFormatException(string file, long line, string problem)
        : base($"{file}:{line}: {problem}")
    {
        File = file;
        Line = line;
    }

    public GeoDataFormatException()
    {
        File = string.Empty;
    }

    public GeoDataFormatException(string message)
        : base(message)
    {
        File = string.Empty;
    }

    public GeoDataFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
        File = string.Empty;
    }

    public string File { get; }

    /// <summary>1-based line of the offending row; 0 when the problem is the file as a whole.</summary>
    public long Line { get; }
}
