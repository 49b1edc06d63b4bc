using System.Text.Json;

namespace Whisper.Security.Audit.Baseline;

/// <summary>
/// Known, accepted findings by fingerprint (<c>--baseline</c>, written by <c>--write-baseline</c>). A baselined finding
/// is still reported (SARIF: a suppression of kind "external") but does not fail the run. Format in
/// docs/security/audit-rules.md: <c>{"format": "whisper-audit-baseline", "version": 1, "findings": [{"fingerprint", "ruleId", "path", "message"}]}</c>;
/// only the fingerprints are read back, the rest is for the people who review the file.
/// </summary>
public sealed class AuditBaseline
{
    public const string Format = "whisper-audit-baseline";
    public const int CurrentVersion = 1;

    private static readonly System.Buffers.SearchValues<char> LowerHex = System.Buffers.SearchValues.Create("0123456789abcdef");
    private static readonly string[] Fields = ["format", "version", "findings"];
    private static readonly string[] EntryFields = ["fingerprint", "ruleId", "path", "line", "message"];

    private AuditBaseline(HashSet<string> fingerprints) => Fingerprints = fingerprints;

    public IReadOnlySet<string> Fingerprints { get; }

    /// <exception cref="AuditInputException">The file cannot be read, is not JSON, or is not a baseline (all problems listed).</exception>
    public static AuditBaseline Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var document = JsonInput.Load(path, "baseline");
        var input = new JsonInput(path);
        var fields = input.Fields(document.RootElement, "", Fields);
        if (input.String(fields, "", "format", required: true, $"\"{Format}\"") is { } format && format != Format)
        {
            input.Problem($"\"format\" is \"{format}\"; a baseline says \"format\": \"{Format}\" (write one with --write-baseline)");
        }

        var version = input.Number(fields, "", "version", 0, 0, int.MaxValue);
        if (version != CurrentVersion)
        {
            input.Problem($"\"version\" is {version}; this build reads version {CurrentVersion}: write a fresh baseline with --write-baseline");
        }

        var fingerprints = new HashSet<string>(StringComparer.Ordinal);
        if (fields.GetValueOrDefault("findings") is not { ValueKind: JsonValueKind.Array } findings)
        {
            input.Problem("\"findings\" is missing or not an array; a baseline lists {\"fingerprint\": ...} objects (an empty array accepts nothing)");
        }
        else
        {
            var index = 0;
            foreach (var entry in findings.EnumerateArray())
            {
                var where = $"findings[{index++}]";
                var entryFields = input.Fields(entry, where, EntryFields);
                var fingerprint = input.String(entryFields, where, "fingerprint", required: true, "\"3f2a...\" (32 hex digits)");
                if (fingerprint is not null && (fingerprint.Length != 32 || fingerprint.AsSpan().ContainsAnyExcept(LowerHex)))
                {
                    input.Problem($"\"{where}.fingerprint\" is \"{fingerprint}\"; use the 32 lower-case hex digits from the SARIF partialFingerprints \"{AuditFingerprint.SarifKey}\"");
                }
                else if (fingerprint is not null)
                {
                    fingerprints.Add(fingerprint);
                }
            }
        }

        return input.Problems.Count > 0 ? throw new AuditInputException(input.Problems) : new AuditBaseline(fingerprints);
    }

    /// <summary>The report with every finding whose fingerprint is listed marked suppressed.</summary>
    public AuditReport Apply(AuditReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var findings = report.Findings.Select(f => Fingerprints.Contains(f.Fingerprint) ? f with { Suppressed = true } : f).ToList();
        return report with { Findings = findings };
    }

    /// <summary>Writes every finding of <paramref name="report"/> (suppressed or not) as the new baseline.</summary>
    public static void Write(AuditReport report, Stream output)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("format", Format);
        json.WriteNumber("version", CurrentVersion);
        json.WriteStartArray("findings");
        foreach (var finding in report.Findings)
        {
            json.WriteStartObject();
            json.WriteString("fingerprint", finding.Fingerprint);
            json.WriteString("ruleId", finding.RuleId);
            json.WriteString("path", finding.Path);
            if (!finding.IsBinary)
            {
                json.WriteNumber("line", finding.Line);
            }

            json.WriteString("message", finding.Message);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }
}
