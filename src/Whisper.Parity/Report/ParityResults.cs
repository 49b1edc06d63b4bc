using System.Text.Json;
using System.Text.Json.Nodes;

namespace Whisper.Parity.Report;

/// <summary>
/// The results folder of a parity run, what the server serves and the cutover gateway reads (docs/parity.md):
/// verdict.json, report.json, report.html and requests.jsonl (written while the run goes).
/// </summary>
public static class ParityResults
{
    public const string VerdictFile = "verdict.json";
    public const string ReportFile = "report.json";
    public const string HtmlFile = "report.html";
    public const string RecordsFile = "requests.jsonl";

    /// <summary>Writes report.json, report.html and, last (the gateway polls it), verdict.json.</summary>
    public static async Task WriteAsync(string directory, ParityReport report, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(report);
        Directory.CreateDirectory(directory);
        var json = ParityJson.Report(report);
        await WriteAtomicAsync(Path.Combine(directory, ReportFile), json.ToJsonString(ParityJson.Indented), cancellationToken).ConfigureAwait(false);
        await WriteAtomicAsync(Path.Combine(directory, HtmlFile), ParityReportHtml.Render(json), cancellationToken).ConfigureAwait(false);
        await WriteAtomicAsync(Path.Combine(directory, VerdictFile), ParityJson.Verdict(report.Verdict).ToJsonString(ParityJson.Indented), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads a results folder's report.json; <see cref="FormatException"/> when it is not a version-1 parity report.</summary>
    public static async Task<JsonObject> ReadReportAsync(string directory, CancellationToken cancellationToken = default) =>
        await ReadAsync(Path.Combine(directory, ReportFile), "whisper-parity-report", cancellationToken).ConfigureAwait(false);

    /// <summary>Reads a results folder's verdict.json; <see cref="FormatException"/> when it is not a version-1 verdict.</summary>
    public static async Task<JsonObject> ReadVerdictAsync(string directory, CancellationToken cancellationToken = default) =>
        await ReadAsync(Path.Combine(directory, VerdictFile), "whisper-parity-verdict", cancellationToken).ConfigureAwait(false);

    private static async Task<JsonObject> ReadAsync(string path, string format, CancellationToken cancellationToken)
    {
        var text = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(text);
        }
        catch (JsonException e)
        {
            throw new FormatException($"{path} is not JSON ({e.Message})", e);
        }

        if (node is not JsonObject o || (string?)o["format"] != format)
        {
            throw new FormatException($"{path} is not a {format} document.");
        }

        return (int?)o["formatVersion"] == ParityJson.FormatVersion ? o : throw new FormatException($"{path} has format version {o["formatVersion"]}; this build reads version {ParityJson.FormatVersion}.");
    }

    private static async Task WriteAtomicAsync(string path, string text, CancellationToken cancellationToken)
    {
        var temp = path + ".tmp";
        await File.WriteAllTextAsync(temp, text, cancellationToken).ConfigureAwait(false);
        File.Move(temp, path, overwrite: true);
    }
}
