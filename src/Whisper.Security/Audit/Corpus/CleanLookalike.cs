namespace Whisper.Security.Audit.Corpus;

/// <summary>A line that resembles a finding but must not be reported (an allowlisted host, a version string, a comment...).</summary>
public sealed record CleanLookalike(string Path, int Line, string Note)
{
    public string? Method { get; init; }
}
