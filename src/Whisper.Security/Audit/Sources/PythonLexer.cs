using System.Buffers;

namespace Whisper.Security.Audit.Sources;

/// <summary>
/// Python strings and comments: <c>#</c> comments; single, double and triple-quoted strings with any prefix
/// (<c>r</c>, <c>b</c>, <c>f</c>, <c>u</c> and pairs, which stay part of the token). A triple-quoted string that starts
/// its line right after a <c>:</c> (or at the top of the file) is a docstring and counts as a comment.
/// </summary>
internal static class PythonLexer
{
    private static readonly SearchValues<char> Stops = SearchValues.Create("#\"'");

    public static void Lex(ReadOnlySpan<char> text, List<SourceLiteral> literals, List<(int, int)> comments)
    {
        var i = 0;
        while (i < text.Length)
        {
            var next = text[i..].IndexOfAny(Stops);
            if (next < 0)
            {
                break;
            }

            i += next;
            if (text[i] == '#')
            {
                var end = text[i..].IndexOf('\n');
                end = end < 0 ? text.Length : i + end;
                comments.Add((i, end));
                i = end;
                continue;
            }

            i = String(text, i, literals, comments);
        }
    }

    private static int String(ReadOnlySpan<char> text, int open, List<SourceLiteral> literals, List<(int, int)> comments)
    {
        var quote = text[open];
        var start = open;
        while (start > 0 && start > open - 2 && char.IsAsciiLetter(text[start - 1]) && "rRbBfFuU".Contains(text[start - 1], StringComparison.Ordinal))
        {
            start--;
        }

        if (start > 0 && (char.IsAsciiLetterOrDigit(text[start - 1]) || text[start - 1] == '_'))
        {
            start = open; // the letters were the end of an identifier, not a prefix
        }

        var triple = open + 2 < text.Length && text[open + 1] == quote && text[open + 2] == quote;
        var valueStart = open + (triple ? 3 : 1);
        var i = valueStart;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '\\')
            {
                i += 2;
                continue;
            }

            if (c == '\n' && !triple)
            {
                literals.Add(new SourceLiteral(start, i, valueStart, i));
                return i;
            }

            if (c == quote && (!triple || (i + 2 < text.Length && text[i + 1] == quote && text[i + 2] == quote)))
            {
                var end = i + (triple ? 3 : 1);
                if (triple && IsDocstring(text, start))
                {
                    comments.Add((start, end));
                }
                else
                {
                    literals.Add(new SourceLiteral(start, end, valueStart, i));
                }

                return end;
            }

            i++;
        }

        literals.Add(new SourceLiteral(start, text.Length, valueStart, text.Length));
        return text.Length;
    }

    private static bool IsDocstring(ReadOnlySpan<char> text, int start)
    {
        var lineStart = text[..start].LastIndexOf('\n') + 1;
        if (!text[lineStart..start].IsWhiteSpace())
        {
            return false;
        }

        var before = text[..lineStart].TrimEnd();
        return before.IsEmpty || before[^1] == ':';
    }
}
