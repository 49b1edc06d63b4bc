namespace Whisper.Security.Audit.Sources;

/// <summary>
/// One file's text and what the lexer found in it: string literals and comment ranges, both in file order. Reused
/// between files on one scanning thread (the lists are cleared, the buffer grows), so a scan allocates little per file.
/// </summary>
internal sealed class SourceText
{
    private char[] buffer = new char[64 * 1024];
    private LineMap? lines;

    public AuditLanguage Language { get; private set; }

    public int Length { get; private set; }

    public ReadOnlySpan<char> Text => buffer.AsSpan(0, Length);

    public List<SourceLiteral> Literals { get; } = [];

    /// <summary>Comment ranges as (start, end) pairs, in order; Python docstrings count as comments.</summary>
    public List<(int Start, int End)> Comments { get; } = [];

    public LineMap Lines => lines ??= new LineMap(Text);

    /// <summary>Decodes UTF-8 (a BOM is skipped; invalid bytes become U+FFFD) and lexes it.</summary>
    public void Load(ReadOnlySpan<byte> utf8, AuditLanguage language)
    {
        if (utf8.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            utf8 = utf8[3..];
        }

        var needed = System.Text.Encoding.UTF8.GetMaxCharCount(utf8.Length);
        if (buffer.Length < needed)
        {
            buffer = new char[Math.Max(needed, buffer.Length * 2)];
        }

        Length = System.Text.Encoding.UTF8.GetChars(utf8, buffer);
        Language = language;
        lines = null;
        Literals.Clear();
        Comments.Clear();
        switch (language)
        {
            case AuditLanguage.Python:
                PythonLexer.Lex(Text, Literals, Comments);
                break;
            case AuditLanguage.Yaml:
                YamlLexer.Lex(Text, Literals, Comments);
                break;
            case AuditLanguage.Xml:
                XmlLexer.Lex(Text, Literals, Comments);
                break;
            default:
                CLikeLexer.Lex(Text, language, Literals, Comments);
                break;
        }
    }

    public bool InComment(int offset) => Contains(Comments, offset, c => c);

    public bool InLiteral(int offset) => Contains(Literals, offset, l => (l.Start, l.End));

    private static bool Contains<T>(List<T> ranges, int offset, Func<T, (int Start, int End)> range)
    {
        int lo = 0, hi = ranges.Count - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            var (start, end) = range(ranges[mid]);
            if (offset < start)
            {
                hi = mid - 1;
            }
            else if (offset >= end)
            {
                lo = mid + 1;
            }
            else
            {
                return true;
            }
        }

        return false;
    }
}
