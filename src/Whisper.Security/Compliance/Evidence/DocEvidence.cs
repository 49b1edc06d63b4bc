namespace Whisper.Security.Compliance.Evidence;

/// <summary>
/// A Markdown document that must exist and hold a heading with exactly this text (any level, <c>#</c> to <c>######</c>),
/// so a claim points at the section that explains it and a renamed or deleted section shows up as drift.
/// </summary>
public sealed record DocEvidence(string Path, string Heading, string? Description, int Line) : EvidenceItem(Description, Line)
{
    public override string Kind => "doc";

    public override string Target => $"{Path}#{Heading}";

    public override async ValueTask<EvidenceResult> CheckAsync(EvidenceContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var full = context.Resolve(Path);
        if (!File.Exists(full))
        {
            return EvidenceResult.Missing($"{Path} does not exist");
        }

        string[] lines;
        try
        {
            lines = await File.ReadAllLinesAsync(full, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return EvidenceResult.Fail($"{Path} cannot be read: {e.Message}");
        }

        var fenced = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.StartsWith("```", StringComparison.Ordinal))
            {
                fenced = !fenced; // a '#' line inside a code block is a comment, not a heading
            }
            else if (!fenced && HeadingText(line) is { } text && string.Equals(text, Heading, StringComparison.Ordinal))
            {
                return EvidenceResult.Pass($"heading on line {i + 1}");
            }
        }

        return EvidenceResult.Missing($"{Path} has no heading \"{Heading}\"");
    }

    /// <summary>The text of an ATX heading (<c>## Title ##</c> gives <c>Title</c>), or null for any other line.</summary>
    internal static string? HeadingText(string line)
    {
        var level = 0;
        while (level < line.Length && line[level] == '#')
        {
            level++;
        }

        if (level is 0 or > 6 || (level < line.Length && line[level] != ' '))
        {
            return null;
        }

        return line[level..].Trim().TrimEnd('#').TrimEnd();
    }
}
