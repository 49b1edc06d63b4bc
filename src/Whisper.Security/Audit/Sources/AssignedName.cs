namespace Whisper.Security.Audit.Sources;

/// <summary>
/// The name a literal is given, found by looking back from it: the target of <c>=</c>, <c>:=</c>, <c>+=</c>, <c>=&gt;</c>
/// (<c>var token = "..."</c>, <c>Token =&gt; "..."</c>, <c>token := "..."</c>), the key before <c>:</c>
/// (<c>"version": "..."</c>, <c>password: "..."</c>), a quoted index (<c>headers["X-Token"] = "..."</c>), the callee of a
/// call it is the first argument of (<c>setPassword("...")</c>, <c>AssemblyVersion("...")</c>), or a keyword right before
/// it (<c>from "socket.io"</c>, <c>require "x"</c>). A type annotation is looked through (<c>val token: String = "..."</c>).
/// Comparisons (<c>==</c>, <c>!=</c>, <c>&lt;=</c>, <c>&gt;=</c>) give no name.
/// </summary>
internal static class AssignedName
{
    private const int MaxLookBack = 160;

    public static bool TryFind(ReadOnlySpan<char> text, int literalStart, out int nameStart, out int nameEnd)
    {
        nameStart = nameEnd = -1;
        var floor = Math.Max(0, literalStart - MaxLookBack);
        var i = SkipSpace(text, literalStart - 1, floor);
        if (i < floor)
        {
            return false;
        }

        var c = text[i];
        if (c == '(')
        {
            return Word(text, SkipSpace(text, i - 1, floor), floor, out nameStart, out nameEnd);
        }

        if (c == ':')
        {
            if (i > floor && text[i - 1] == ':')
            {
                return false;
            }

            return Target(text, SkipSpace(text, i - 1, floor), floor, out nameStart, out nameEnd);
        }

        if (c == '>' && i > floor && text[i - 1] == '=')
        {
            return Target(text, SkipSpace(text, i - 2, floor), floor, out nameStart, out nameEnd);
        }

        if (c == '=')
        {
            var j = i - 1;
            if (j >= floor && text[j] is '=' or '!' or '<' or '>')
            {
                return false;
            }

            if (j >= floor && text[j] is ':' or '+' or '?' or '|' or '&')
            {
                j--;
            }

            if (!Target(text, SkipSpace(text, j, floor), floor, out nameStart, out nameEnd))
            {
                return false;
            }

            // "val token: String = ..." / "token: string = ...": the name is before the type annotation.
            var k = SkipSpace(text, nameStart - 1, floor);
            if (k >= floor && text[k] == ':' && (k == floor || text[k - 1] != ':'))
            {
                var (typeStart, typeEnd) = (nameStart, nameEnd);
                if (!Word(text, SkipSpace(text, k - 1, floor), floor, out nameStart, out nameEnd))
                {
                    (nameStart, nameEnd) = (typeStart, typeEnd);
                }
            }

            return true;
        }

        return IsWordChar(c) && Word(text, i, floor, out nameStart, out nameEnd);
    }

    /// <summary>An identifier, or a quoted key, or a quoted index in brackets, ending at <paramref name="i"/>.</summary>
    private static bool Target(ReadOnlySpan<char> text, int i, int floor, out int nameStart, out int nameEnd)
    {
        nameStart = nameEnd = -1;
        if (i < floor)
        {
            return false;
        }

        if (text[i] == ']')
        {
            i = SkipSpace(text, i - 1, floor);
        }

        if (i >= floor && text[i] is '"' or '\'')
        {
            var quote = text[i];
            var open = text[floor..i].LastIndexOf(quote);
            if (open < 0)
            {
                return false;
            }

            nameStart = floor + open + 1;
            nameEnd = i;
            return nameEnd > nameStart;
        }

        return Word(text, i, floor, out nameStart, out nameEnd);
    }

    private static bool Word(ReadOnlySpan<char> text, int i, int floor, out int nameStart, out int nameEnd)
    {
        nameStart = nameEnd = -1;
        if (i < floor || !IsWordChar(text[i]))
        {
            return false;
        }

        nameEnd = i + 1;
        while (i >= floor && (IsWordChar(text[i]) || text[i] == '.'))
        {
            i--;
        }

        nameStart = i + 1;
        while (nameStart < nameEnd && text[nameStart] == '.')
        {
            nameStart++;
        }

        return nameEnd > nameStart;
    }

    private static int SkipSpace(ReadOnlySpan<char> text, int i, int floor)
    {
        while (i >= floor && char.IsWhiteSpace(text[i]))
        {
            i--;
        }

        return i;
    }

    private static bool IsWordChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '$' or '@';
}
