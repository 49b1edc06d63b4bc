namespace Whisper.Security.Audit.Sources;

/// <summary>Offset to 1-based line and column (UTF-16 code units, SARIF's default column kind); built once per file that has a finding.</summary>
internal sealed class LineMap
{
    private readonly List<int> starts = [0];

    public LineMap(ReadOnlySpan<char> text)
    {
        var offset = 0;
        while (true)
        {
            var next = text[offset..].IndexOf('\n');
            if (next < 0)
            {
                break;
            }

            offset += next + 1;
            starts.Add(offset);
        }
    }

    public (int Line, int Column) Position(int offset)
    {
        var index = starts.BinarySearch(offset);
        if (index < 0)
        {
            index = ~index - 1;
        }

        return (index + 1, offset - starts[index] + 1);
    }
}
