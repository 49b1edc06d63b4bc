namespace Whisper.Security.Audit.Sources;

/// <summary>
/// YAML, line by line: <c>#</c> comments (at a line's start or after a space, outside quotes); for <c>key: value</c>
/// the value is a literal named by its key (quotes stripped); list items and the lines of a block scalar
/// (<c>|</c>, <c>&gt;</c>) are literals named by the nearest key above. Flow collections stay one literal.
/// </summary>
internal static class YamlLexer
{
    public static void Lex(ReadOnlySpan<char> text, List<SourceLiteral> literals, List<(int, int)> comments)
    {
        int parentStart = -1, parentEnd = -1;
        var lineStart = 0;
        while (lineStart < text.Length)
        {
            var newline = text[lineStart..].IndexOf('\n');
            var lineEnd = newline < 0 ? text.Length : lineStart + newline;
            var line = text[lineStart..lineEnd];
            var content = CommentStart(line, out var comment);
            if (comment >= 0)
            {
                comments.Add((lineStart + comment, lineEnd));
            }

            var first = 0;
            while (first < content.Length && content[first] is ' ' or '\t')
            {
                first++;
            }

            while (first + 1 < content.Length && content[first] == '-' && content[first + 1] is ' ' or '\t')
            {
                first += 2;
                while (first < content.Length && content[first] is ' ' or '\t')
                {
                    first++;
                }
            }

            var body = content[first..].TrimEnd();
            if (body.Length > 0 && !body.SequenceEqual("---") && !body.SequenceEqual("..."))
            {
                var colon = KeySeparator(body);
                if (colon >= 0)
                {
                    var keyStart = lineStart + first;
                    var keyEnd = keyStart + colon;
                    Unquote(text, ref keyStart, ref keyEnd);
                    parentStart = keyStart;
                    parentEnd = keyEnd;
                    var valueOffset = lineStart + first + colon + 1;
                    var value = text[valueOffset..(lineStart + first + body.Length)];
                    var lead = value.Length - value.TrimStart().Length;
                    var valueStart = valueOffset + lead;
                    var valueEnd = lineStart + first + body.Length;
                    if (valueEnd > valueStart && text[valueStart] is not ('|' or '>' or '&' or '*'))
                    {
                        Add(text, literals, valueStart, valueEnd, keyStart, keyEnd);
                    }
                }
                else
                {
                    Add(text, literals, lineStart + first, lineStart + first + body.Length, parentStart, parentEnd);
                }
            }

            lineStart = lineEnd + 1;
        }
    }

    private static void Add(ReadOnlySpan<char> text, List<SourceLiteral> literals, int start, int end, int nameStart, int nameEnd)
    {
        var valueStart = start;
        var valueEnd = end;
        Unquote(text, ref valueStart, ref valueEnd);
        literals.Add(new SourceLiteral(start, end, valueStart, valueEnd, nameStart, nameEnd));
    }

    private static void Unquote(ReadOnlySpan<char> text, ref int start, ref int end)
    {
        if (end - start >= 2 && text[start] is '"' or '\'' && text[end - 1] == text[start])
        {
            start++;
            end--;
        }
    }

    /// <summary>The line without its comment; <paramref name="comment"/> is where the comment starts, or -1.</summary>
    private static ReadOnlySpan<char> CommentStart(ReadOnlySpan<char> line, out int comment)
    {
        var quote = '\0';
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quote != '\0')
            {
                if (c == quote)
                {
                    quote = '\0';
                }
            }
            else if (c is '"' or '\'' && (i == 0 || line[i - 1] is ' ' or '\t' or ':' or '[' or '{' or ',' or '-'))
            {
                quote = c;
            }
            else if (c == '#' && (i == 0 || line[i - 1] is ' ' or '\t'))
            {
                comment = i;
                return line[..i];
            }
        }

        comment = -1;
        return line;
    }

    /// <summary>Index of the ':' that ends a mapping key (followed by a space or the line's end), outside quotes; -1 if none.</summary>
    private static int KeySeparator(ReadOnlySpan<char> body)
    {
        if (body[0] is '"' or '\'')
        {
            var close = body[1..].IndexOf(body[0]);
            if (close < 0)
            {
                return -1;
            }

            var after = close + 2;
            return after < body.Length && body[after] == ':' && (after + 1 == body.Length || body[after + 1] is ' ' or '\t') ? after : -1;
        }

        if (body[0] is '[' or '{')
        {
            return -1;
        }

        for (var i = 0; i < body.Length; i++)
        {
            if (body[i] == ':' && (i + 1 == body.Length || body[i + 1] is ' ' or '\t'))
            {
                return i;
            }

            if (body[i] is ' ' && i + 1 < body.Length && body[i + 1] == '#')
            {
                return -1;
            }
        }

        return -1;
    }
}
