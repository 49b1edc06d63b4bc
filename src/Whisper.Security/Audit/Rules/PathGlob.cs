using System.Text;
using System.Text.RegularExpressions;

namespace Whisper.Security.Audit.Rules;

/// <summary>
/// A path pattern over '/'-separated paths relative to the scanned root: <c>**</c> any number of folders, <c>*</c> any
/// characters but '/', <c>?</c> one of them. A pattern without '/' matches a name in any folder (<c>*.min.js</c>).
/// Case-sensitive, like the file systems Whisper builds on.
/// </summary>
public sealed class PathGlob
{
    private readonly Regex regex;

    private PathGlob(string pattern, Regex regex)
    {
        Pattern = pattern;
        this.regex = regex;
    }

    public string Pattern { get; }

    public static bool TryCreate(string pattern, out PathGlob glob)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        glob = null!;
        var text = pattern.Trim().Replace('\\', '/');
        if (text.Length == 0 || text.StartsWith('/') || text.Contains("***", StringComparison.Ordinal))
        {
            return false;
        }

        if (!text.Contains('/', StringComparison.Ordinal))
        {
            text = "**/" + text;
        }

        var builder = new StringBuilder("^");
        for (var i = 0; i < text.Length; i++)
        {
            if (text.AsSpan(i).StartsWith("**/"))
            {
                builder.Append("(?:.*/)?");
                i += 2;
            }
            else if (text.AsSpan(i).SequenceEqual("/**"))
            {
                builder.Append("(?:/.*)?");
                i += 2;
            }
            else if (text.AsSpan(i).StartsWith("**"))
            {
                builder.Append(".*");
                i++;
            }
            else
            {
                builder.Append(text[i] switch
                {
                    '*' => "[^/]*",
                    '?' => "[^/]",
                    _ => Regex.Escape(text[i].ToString()),
                });
            }
        }

        builder.Append('$');
        glob = new PathGlob(pattern, new Regex(builder.ToString(), RegexOptions.CultureInvariant | RegexOptions.Compiled));
        return true;
    }

    public bool IsMatch(ReadOnlySpan<char> relativePath) => regex.IsMatch(relativePath);

    public override string ToString() => Pattern;
}
