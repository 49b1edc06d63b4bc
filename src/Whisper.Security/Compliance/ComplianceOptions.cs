namespace Whisper.Security.Compliance;

/// <summary>One <c>whisper compliance</c> run as the CLI asks for it; see <see cref="ComplianceRun"/>.</summary>
public sealed record ComplianceOptions
{
    /// <summary>The checkout or deployment directory that the catalog's relative paths start from.</summary>
    public string Root { get; init; } = ".";

    /// <summary>A catalog file; null for the shipped <c>compliance/fedramp-high.json</c>.</summary>
    public string? CatalogPath { get; init; }

    /// <summary>Write the JSON report here.</summary>
    public string? JsonPath { get; init; }

    /// <summary>Write the Markdown report here.</summary>
    public string? MarkdownPath { get; init; }

    public ComplianceInputs Inputs { get; init; } = ComplianceInputs.None;
}
