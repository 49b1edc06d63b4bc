namespace Whisper.Security.Audit.Sources;

/// <summary>
/// XML: <c>&lt;!-- --&gt;</c> comments; attribute values named by their attribute; element text and CDATA named by
/// their element. Processing instructions and DOCTYPE are skipped. Entities are not decoded.
/// </summary>
internal static class XmlLexer
{
    public static void Lex(ReadOnlySpan<char> text, List<SourceLiteral> literals, List<(int, int)> comments)
    {
        var elements = new Stack<(int Start, int End)>();
        var i = 0;
        while (i < text.Length)
        {
            var open = text[i..].IndexOf('<');
            var textEnd = open < 0 ? text.Length : i + open;
            AddText(text, i, textEnd, elements, literals);
            if (open < 0)
            {
                break;
            }

            i = textEnd;
            var rest = text[i..];
            if (rest.StartsWith("<!--"))
            {
                var close = rest.IndexOf("-->");
                var end = close < 0 ? text.Length : i + close + 3;
                comments.Add((i, end));
                i = end;
            }
            else if (rest.StartsWith("<![CDATA["))
            {
                var close = rest.IndexOf("]]>");
                var end = close < 0 ? text.Length : i + close;
                var (nameStart, nameEnd) = elements.Count > 0 ? elements.Peek() : (-1, -1);
                literals.Add(new SourceLiteral(i, Math.Min(text.Length, end + 3), i + 9, end, nameStart, nameEnd));
                i = Math.Min(text.Length, end + 3);
            }
            else if (rest.StartsWith("<?") || rest.StartsWith("<!"))
            {
                var close = rest.IndexOf('>');
                i = close < 0 ? text.Length : i + close + 1;
            }
            else if (rest.StartsWith("</"))
            {
                if (elements.Count > 0)
                {
                    elements.Pop();
                }

                var close = rest.IndexOf('>');
                i = close < 0 ? text.Length : i + close + 1;
            }
            else
            {
                i = Tag(text, i, elements, literals);
            }
        }
    }

    private static int Tag(ReadOnlySpan<char> text, int open, Stack<(int, int)> elements, List<SourceLiteral> literals)
    {
        var i = open + 1;
        var nameStart = i;
        while (i < text.Length && IsNameChar(text[i]))
        {
            i++;
        }

        var nameEnd = i;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '>')
            {
                if (nameEnd > nameStart)
                {
                    elements.Push((nameStart, nameEnd));
                }

                return i + 1;
            }

            if (c == '/' && i + 1 < text.Length && text[i + 1] == '>')
            {
                return i + 2;
            }

            if (IsNameChar(c))
            {
                var attributeStart = i;
                while (i < text.Length && IsNameChar(text[i]))
                {
                    i++;
                }

                var attributeEnd = i;
                while (i < text.Length && char.IsWhiteSpace(text[i]))
                {
                    i++;
                }

                if (i < text.Length && text[i] == '=')
                {
                    i++;
                    while (i < text.Length && char.IsWhiteSpace(text[i]))
                    {
                        i++;
                    }

                    if (i < text.Length && text[i] is '"' or '\'')
                    {
                        var quote = text[i];
                        var close = text[(i + 1)..].IndexOf(quote);
                        var end = close < 0 ? text.Length : i + 1 + close;
                        literals.Add(new SourceLiteral(i, Math.Min(text.Length, end + 1), i + 1, end, attributeStart, attributeEnd));
                        i = Math.Min(text.Length, end + 1);
                    }
                }

                continue;
            }

            i++;
        }

        return i;
    }

    private static void AddText(ReadOnlySpan<char> text, int start, int end, Stack<(int Start, int End)> elements, List<SourceLiteral> literals)
    {
        var span = text[start..end];
        var lead = span.Length - span.TrimStart().Length;
        var trail = span.Length - span.TrimEnd().Length;
        if (lead == span.Length || elements.Count == 0)
        {
            return;
        }

        var (nameStart, nameEnd) = elements.Peek();
        literals.Add(new SourceLiteral(start + lead, end - trail, start + lead, end - trail, nameStart, nameEnd));
    }

    private static bool IsNameChar(char c) => char.IsAsciiLetterOrDigit(c) || c is ':' or '_' or '-' or '.';
}
