using System.Globalization;
using System.Text.Json;

namespace Whisper.Security.Compliance.Catalog;

/// <summary>
/// The 1-based line on which each value of a JSON document starts, by path (<c>controls[3].evidence[1].kind</c>), so a
/// catalog problem can be reported as <c>file:line</c>. <see cref="JsonDocument"/> keeps no positions; one extra pass
/// of <see cref="Utf8JsonReader"/> over a file of a few kilobytes costs nothing next to the checks that follow.
/// </summary>
internal sealed class JsonLineMap
{
    private readonly Dictionary<string, int> _lines = new(StringComparer.Ordinal);

    private JsonLineMap()
    {
    }

    /// <summary>Maps <paramref name="utf8"/>, which must already have parsed (comments and trailing commas allowed).</summary>
    public static JsonLineMap Build(ReadOnlySpan<byte> utf8)
    {
        var map = new JsonLineMap();
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var frames = new Stack<Frame>();
        var line = 1;
        var counted = 0;
        string? pendingName = null;
        while (reader.Read())
        {
            var start = (int)reader.TokenStartIndex;
            line += utf8[counted..start].Count((byte)'\n');
            counted = start;
            if (reader.TokenType == JsonTokenType.PropertyName)
            {
                pendingName = reader.GetString();
                continue;
            }

            if (reader.TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray)
            {
                frames.Pop();
                continue;
            }

            var path = frames.Count == 0 ? "" : frames.Peek().ChildPath(pendingName);
            pendingName = null;
            map._lines.TryAdd(path, line);
            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                frames.Push(new Frame(path, reader.TokenType == JsonTokenType.StartArray));
            }
        }

        return map;
    }

    /// <summary>The line of the value at <paramref name="path"/>, else of its nearest mapped parent; 1 for the document.</summary>
    public int LineOf(string path)
    {
        for (var p = path; ; p = Parent(p))
        {
            if (_lines.TryGetValue(p, out var line))
            {
                return line;
            }

            if (p.Length == 0)
            {
                return 1;
            }
        }
    }

    private static string Parent(string path)
    {
        var cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
        return cut <= 0 ? "" : path[..cut];
    }

    private sealed class Frame(string path, bool isArray)
    {
        private int _next;

        public string ChildPath(string? name)
        {
            if (isArray)
            {
                return string.Create(CultureInfo.InvariantCulture, $"{path}[{_next++}]");
            }

            return path.Length == 0 ? name! : $"{path}.{name}";
        }
    }
}
