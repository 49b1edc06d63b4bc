using System.Buffers;
using System.Text.RegularExpressions;

namespace Whisper.Security.Audit.Sources;

/// <summary>
/// Strings and comments of the C family (C#, Java, Kotlin, Go, JavaScript, TypeScript) and JSON: <c>//</c> and
/// <c>/* */</c> comments; <c>"..."</c> strings with backslash escapes, ended at the line's end if unterminated;
/// C# verbatim (<c>@"..."</c>), interpolated and raw (<c>"""..."""</c>) strings; Java/Kotlin text blocks; JS template
/// literals and single-quoted strings; Go raw strings. Character literals (<c>'"'</c>) are stepped over. It jumps
/// between the few characters that matter with a vectorised search, so most of a file is never looked at one by one.
/// Not a parser: a JavaScript regex literal holding a quote can start a false string, which then ends at the line's end.
/// </summary>
internal static partial class CLikeLexer
{
    private static readonly SearchValues<char> CodeStops = SearchValues.Create("\"'/`");
    private static readonly SearchValues<char> JsonStops = SearchValues.Create("\"/");
    private static readonly SearchValues<char> StringStops = SearchValues.Create("\"\\\n");

    public static void Lex(ReadOnlySpan<char> text, AuditLanguage language, List<SourceLiteral> literals, List<(int, int)> comments)
    {
        var stops = language == AuditLanguage.Json ? JsonStops : CodeStops;
        var singleQuoteStrings = language is AuditLanguage.JavaScript or AuditLanguage.TypeScript;
        var backtickStrings = language is AuditLanguage.JavaScript or AuditLanguage.TypeScript or AuditLanguage.Go;
        var tripleQuotes = language is AuditLanguage.CSharp or AuditLanguage.Java or AuditLanguage.Kotlin;
        var i = 0;
        while (i < text.Length)
        {
            var next = text[i..].IndexOfAny(stops);
            if (next < 0)
            {
                break;
            }

            i += next;
            switch (text[i])
            {
                case '/':
                    i = Comment(text, i, comments);
                    break;
                case '"':
                    i = tripleQuotes && text[i..].StartsWith("\"\"\"")
                        ? Raw(text, i, literals)
                        : language == AuditLanguage.CSharp && IsVerbatim(text, i)
                            ? Verbatim(text, i, literals)
                            : Quoted(text, i, '"', language, literals);
                    break;
                case '\'':
                    i = singleQuoteStrings ? Quoted(text, i, '\'', language, literals) : SkipCharLiteral(text, i);
                    break;
                default: // '`'
                    i = backtickStrings ? Backtick(text, i, literals) : i + 1;
                    break;
            }
        }

        if (language == AuditLanguage.Go)
        {
            MarkGoImports(text, literals);
        }
        else if (language == AuditLanguage.Json)
        {
            MarkJsonKeys(text, literals);
        }
    }

    private static int Comment(ReadOnlySpan<char> text, int i, List<(int, int)> comments)
    {
        if (i + 1 >= text.Length)
        {
            return i + 1;
        }

        if (text[i + 1] == '/')
        {
            var end = text[i..].IndexOf('\n');
            end = end < 0 ? text.Length : i + end;
            comments.Add((i, end));
            return end;
        }

        if (text[i + 1] == '*')
        {
            var close = text[(i + 2)..].IndexOf("*/");
            var end = close < 0 ? text.Length : i + 2 + close + 2;
            comments.Add((i, end));
            return end;
        }

        return i + 1;
    }

    private static int Quoted(ReadOnlySpan<char> text, int open, char quote, AuditLanguage language, List<SourceLiteral> literals)
    {
        var start = language == AuditLanguage.CSharp ? PrefixStart(text, open) : open;
        var i = open + 1;
        while (i < text.Length)
        {
            var next = quote == '"' ? text[i..].IndexOfAny(StringStops) : text[i..].IndexOfAny('\'', '\\', '\n');
            if (next < 0)
            {
                i = text.Length;
                break;
            }

            i += next;
            if (text[i] == '\\')
            {
                i += 2;
                continue;
            }

            if (text[i] == '\n')
            {
                literals.Add(new SourceLiteral(start, i, open + 1, i)); // unterminated: stop at the line's end
                return i;
            }

            literals.Add(new SourceLiteral(start, i + 1, open + 1, i));
            return i + 1;
        }

        i = Math.Min(i, text.Length);
        literals.Add(new SourceLiteral(start, i, open + 1, i));
        return i;
    }

    /// <summary>C# <c>@"..."</c> (also <c>$@"</c>, <c>@$"</c>): no escapes, <c>""</c> is a quote, may span lines.</summary>
    private static int Verbatim(ReadOnlySpan<char> text, int open, List<SourceLiteral> literals)
    {
        var i = open + 1;
        while (true)
        {
            var next = text[i..].IndexOf('"');
            if (next < 0)
            {
                literals.Add(new SourceLiteral(PrefixStart(text, open), text.Length, open + 1, text.Length));
                return text.Length;
            }

            i += next;
            if (i + 1 < text.Length && text[i + 1] == '"')
            {
                i += 2;
                continue;
            }

            literals.Add(new SourceLiteral(PrefixStart(text, open), i + 1, open + 1, i));
            return i + 1;
        }
    }

    /// <summary>C# raw strings (three or more quotes, closed by as many), Java text blocks and Kotlin raw strings.</summary>
    private static int Raw(ReadOnlySpan<char> text, int open, List<SourceLiteral> literals)
    {
        var quotes = 0;
        while (open + quotes < text.Length && text[open + quotes] == '"')
        {
            quotes++;
        }

        Span<char> closing = stackalloc char[Math.Min(quotes, 16)];
        closing.Fill('"');
        var valueStart = open + quotes;
        var close = text[valueStart..].IndexOf(closing);
        var valueEnd = close < 0 ? text.Length : valueStart + close;
        var end = close < 0 ? text.Length : valueEnd + closing.Length;
        literals.Add(new SourceLiteral(PrefixStart(text, open), end, valueStart, valueEnd));
        return end;
    }

    private static int Backtick(ReadOnlySpan<char> text, int open, List<SourceLiteral> literals)
    {
        var i = open + 1;
        while (i < text.Length)
        {
            var next = text[i..].IndexOfAny('`', '\\');
            if (next < 0)
            {
                break;
            }

            i += next;
            if (text[i] == '\\')
            {
                i += 2;
                continue;
            }

            literals.Add(new SourceLiteral(open, i + 1, open + 1, i));
            return i + 1;
        }

        literals.Add(new SourceLiteral(open, text.Length, open + 1, text.Length));
        return text.Length;
    }

    private static int SkipCharLiteral(ReadOnlySpan<char> text, int open)
    {
        // 'x', '\n', '\u0041', '"': at most a dozen characters to the closing quote on the same line.
        var limit = Math.Min(text.Length, open + 12);
        var i = open + 1;
        if (i < limit && text[i] == '\\')
        {
            i += 2;
        }
        else
        {
            i++;
        }

        for (; i < limit; i++)
        {
            if (text[i] == '\'')
            {
                return i + 1;
            }

            if (text[i] == '\n')
            {
                break;
            }
        }

        return open + 1; // not a character literal (a Kotlin/Java annotation quirk, a stray quote): move on
    }

    private static bool IsVerbatim(ReadOnlySpan<char> text, int open) =>
        (open >= 1 && text[open - 1] == '@') || (open >= 2 && text[open - 1] == '$' && text[open - 2] == '@');

    /// <summary>C# string prefixes (<c>@</c>, <c>$</c>, <c>$$</c>) belong to the token.</summary>
    private static int PrefixStart(ReadOnlySpan<char> text, int open)
    {
        var start = open;
        while (start > 0 && text[start - 1] is '@' or '$')
        {
            start--;
        }

        return start;
    }

    private static void MarkGoImports(ReadOnlySpan<char> text, List<SourceLiteral> literals)
    {
        foreach (var match in GoImport().EnumerateMatches(text))
        {
            for (var k = 0; k < literals.Count; k++)
            {
                var literal = literals[k];
                if (literal.Start >= match.Index && literal.End <= match.Index + match.Length)
                {
                    literals[k] = literal with { Flags = literal.Flags | LiteralFlags.Import };
                }
            }
        }
    }

    private static void MarkJsonKeys(ReadOnlySpan<char> text, List<SourceLiteral> literals)
    {
        for (var k = 0; k < literals.Count; k++)
        {
            var literal = literals[k];
            var after = text[literal.End..].TrimStart();
            if (!after.IsEmpty && after[0] == ':')
            {
                literals[k] = literal with { Flags = literal.Flags | LiteralFlags.Key };
            }
        }
    }

    /// <summary>Go import declarations, single or grouped, at the start of a line.</summary>
    [GeneratedRegex(@"(?m)^[ \t]*import[ \t]*(?:\([^)]*\)|(?:[\w.]+[ \t]+)?""[^""\n]*"")", RegexOptions.CultureInvariant)]
    private static partial Regex GoImport();
}
