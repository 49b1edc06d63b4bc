using Whisper.Security.Audit.Detectors;
using Whisper.Security.Audit.Rules;
using Whisper.Security.Audit.Sources;

namespace Whisper.Security.Audit.Scanning;

/// <summary>
/// Scans one source file at a time on one thread, reusing its buffers: lexes it, joins literals concatenated with
/// <c>+</c> (and Python's adjacent literals, and the arguments of <c>Concat</c>/<c>join</c>) into one value, runs the
/// endpoint, obfuscation and secret detectors on each value, then the keyword-driven patterns over the whole text,
/// then links calls to variables that hold an endpoint.
/// </summary>
internal sealed partial class FileScanner(ScanPlan plan)
{
    private readonly SourceText source = new();
    private readonly List<EndpointHit> hits = [];
    private readonly List<EndpointHit> decodedHits = [];
    private readonly List<EncodedBlob> blobs = [];
    private readonly List<(int ValueOffset, int SourceOffset)> segments = [];
    private readonly HashSet<(int Rule, int Start)> seen = [];
    private readonly Dictionary<string, (string Shown, int NameStart)> endpointVariables = new(StringComparer.Ordinal);
    private char[] joined = new char[1024];

    private List<AuditFinding> findings = [];
    private string path = "";
    private ulong active;
    private LanguagePlan language = null!;

    public void Scan(string relativePath, ReadOnlySpan<byte> utf8, AuditLanguage fileLanguage, List<AuditFinding> output)
    {
        path = relativePath;
        findings = output;
        language = plan.For(fileLanguage);
        active = plan.ActiveRules(fileLanguage, relativePath);
        if (active == 0)
        {
            return;
        }

        source.Load(utf8, fileLanguage);
        seen.Clear();
        endpointVariables.Clear();
        ScanLiterals();
        ScanPatterns();
        if (endpointVariables.Count > 0)
        {
            ScanVariableCalls();
        }
    }

    private bool IsActive(int rule) => (active & (1UL << rule)) != 0;

    private bool AnyActive(List<int> rules)
    {
        foreach (var rule in rules)
        {
            if (IsActive(rule))
            {
                return true;
            }
        }

        return false;
    }

    private void ScanLiterals()
    {
        var literals = source.Literals;
        var text = source.Text;
        var code = (source.Language & AuditLanguage.Code) != 0;
        var k = 0;
        while (k < literals.Count)
        {
            var last = k;
            if (code && literals[k].Flags == LiteralFlags.None)
            {
                var commas = JoinsWithCommas(text, literals[k].Start);
                while (last + 1 < literals.Count && literals[last + 1].Flags == LiteralFlags.None && Joinable(text[literals[last].End..literals[last + 1].Start], commas))
                {
                    last++;
                }
            }

            ScanRun(k, last);
            k = last + 1;
        }
    }

    private void ScanRun(int first, int last)
    {
        var text = source.Text;
        var head = source.Literals[first];
        var value = RunValue(first, last);
        int nameStart = head.NameStart, nameEnd = head.NameEnd;
        if (nameStart < 0 && AssignedName.TryFind(text, head.Start, out var s, out var e))
        {
            (nameStart, nameEnd) = (s, e);
        }

        var name = nameStart >= 0 ? text[nameStart..nameEnd] : [];
        if (language.HasEndpointRules && (head.Flags & (LiteralFlags.Import | LiteralFlags.Key)) == 0
            && (plan.Rules.Endpoints.IgnoreNames is not { } ignore || name.IsEmpty || !ignore.IsMatch(name)))
        {
            ScanEndpoints(value, name, nameStart, head.Start, last - first + 1);
            ScanBlobs(value);
        }

        if (!name.IsEmpty && (head.Flags & LiteralFlags.Key) == 0)
        {
            ScanSecret(value, name, first == last ? head : default);
        }
    }

    /// <summary>The run's value: the literal's own text, or the literals joined into a buffer with a map back to the file.</summary>
    private ReadOnlySpan<char> RunValue(int first, int last)
    {
        var literals = source.Literals;
        var text = source.Text;
        segments.Clear();
        if (first == last)
        {
            var literal = literals[first];
            segments.Add((0, literal.ValueStart));
            return text[literal.ValueStart..literal.ValueEnd];
        }

        var length = 0;
        for (var k = first; k <= last; k++)
        {
            length += literals[k].ValueLength;
        }

        if (joined.Length < length)
        {
            joined = new char[Math.Max(length, joined.Length * 2)];
        }

        var offset = 0;
        for (var k = first; k <= last; k++)
        {
            var literal = literals[k];
            segments.Add((offset, literal.ValueStart));
            text[literal.ValueStart..literal.ValueEnd].CopyTo(joined.AsSpan(offset));
            offset += literal.ValueLength;
        }

        return joined.AsSpan(0, length);
    }

    /// <summary>Maps an offset in the run's value back to the file.</summary>
    private int SourceOffset(int valueOffset)
    {
        var k = segments.Count - 1;
        while (k > 0 && segments[k].ValueOffset > valueOffset)
        {
            k--;
        }

        return segments[k].SourceOffset + (valueOffset - segments[k].ValueOffset);
    }

    private static bool Joinable(ReadOnlySpan<char> gap, bool commas)
    {
        gap = gap.Trim();
        return gap.IsEmpty || (gap.Length == 1 && (gap[0] == '+' || (commas && gap[0] == ',')));
    }

    /// <summary>Literals that are the arguments of <c>string.Concat(</c>, <c>concat(</c>, <c>"".join([</c>, <c>[...].join</c> are one value.</summary>
    private static bool JoinsWithCommas(ReadOnlySpan<char> text, int start)
    {
        var before = text[Math.Max(0, start - 24)..start].TrimEnd();
        if (before.EndsWith('['))
        {
            before = before[..^1].TrimEnd();
        }

        if (!before.EndsWith('('))
        {
            return false;
        }

        before = before[..^1].TrimEnd();
        return before.EndsWith("Concat", StringComparison.Ordinal) || before.EndsWith("concat", StringComparison.Ordinal)
            || before.EndsWith("join", StringComparison.Ordinal) || before.EndsWith("Join", StringComparison.Ordinal);
    }

    private void Report(int rule, int start, int end, string evidence, string shown, string name, string detail)
    {
        var definition = plan.Rules.Rules[rule];
        var (line, column) = source.Lines.Position(start);
        var (endLine, endColumn) = source.Lines.Position(Math.Max(start, end));
        findings.Add(new AuditFinding(
            definition.Id,
            definition.Level,
            FindingText.Message(definition, shown, name, plan.Allowlist.Region, detail),
            path,
            line,
            column,
            endLine,
            endColumn,
            evidence));
    }
}
