using Whisper.Security.Audit.Rules;

namespace Whisper.Security.Audit.Scanning;

/// <summary>Keyword-driven patterns over the whole text, and calls whose argument is a variable that holds an endpoint.</summary>
internal sealed partial class FileScanner
{
    /// <summary>A pattern is matched within the keyword's line start and this many characters after it (multi-line lambdas fit).</summary>
    private const int PatternReach = 400;

    private void ScanPatterns()
    {
        if (language.KeywordSearch is not { } search)
        {
            return;
        }

        var text = source.Text;
        var config = (source.Language & AuditLanguage.Config) != 0;
        var i = 0;
        while (i < text.Length)
        {
            var next = text[i..].IndexOfAny(search);
            if (next < 0)
            {
                return;
            }

            var at = i + next;
            foreach (var keyword in language.Keywords)
            {
                if (!text[at..].StartsWith(keyword, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                foreach (var (rule, pattern) in language.KeywordPatterns[keyword])
                {
                    if (IsActive(rule) && pattern.Regex is not null)
                    {
                        MatchAround(rule, pattern, at, config);
                    }
                }
            }

            i = at + 1;
        }
    }

    private void MatchAround(int rule, RulePattern pattern, int at, bool config)
    {
        var text = source.Text;
        var floor = Math.Max(0, at - PatternReach);
        var windowStart = floor + text[floor..at].LastIndexOf('\n') + 1;
        var windowEnd = Math.Min(text.Length, at + PatternReach);
        foreach (var match in pattern.Regex!.EnumerateMatches(text[windowStart..windowEnd]))
        {
            var start = windowStart + match.Index;
            var end = start + match.Length;
            if (start > at || end <= at || !InScope(pattern.Scope, start, config) || !seen.Add((rule, start)))
            {
                continue;
            }

            var matched = text[start..end];
            if (pattern.IgnoreMatches is { } ignore && ignore.IsMatch(matched))
            {
                continue;
            }

            var shown = FindingText.Shown(matched, plan.Rules.Rules[rule].Redact);
            Report(rule, start, end, matched.ToString(), shown, "", "");
        }
    }

    private bool InScope(PatternScope scope, int offset, bool config) => scope switch
    {
        PatternScope.Any => true,
        PatternScope.Literal => source.InLiteral(offset),
        _ => !source.InComment(offset) && (config || !source.InLiteral(offset)),
    };

    /// <summary><c>var u = "https://x.cn"; ... fetch(u)</c>: a call prefix right before a use of a variable that holds an endpoint.</summary>
    private void ScanVariableCalls()
    {
        if (language.Calls.Count == 0)
        {
            return;
        }

        var text = source.Text;
        foreach (var (name, (shown, definition)) in endpointVariables)
        {
            var from = 0;
            while (from < text.Length)
            {
                var next = text[from..].IndexOf(name, StringComparison.Ordinal);
                if (next < 0)
                {
                    break;
                }

                var at = from + next;
                from = at + name.Length;
                if (at == definition || !IsWholeWord(text, at, name.Length) || source.InComment(at) || source.InLiteral(at))
                {
                    continue;
                }

                var call = CallAt(at);
                if (call >= 0 && seen.Add((call, at)))
                {
                    Report(call, at, at + name.Length, shown, shown, name, $"URL held in '{name}'");
                }
            }
        }
    }

    private static bool IsWholeWord(ReadOnlySpan<char> text, int at, int length) =>
        (at == 0 || !IsWordChar(text[at - 1])) && (at + length >= text.Length || !IsWordChar(text[at + length]));

    private static bool IsWordChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '$';
}
