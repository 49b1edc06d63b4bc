using System.Text;

namespace Whisper.Security.Audit.Corpus;

/// <summary>Builds one corpus file line by line, recording which lines carry planted findings and which are clean look-alikes.</summary>
internal sealed class CorpusFile(string path)
{
    private readonly StringBuilder text = new();
    private int line;

    public string Path { get; } = path;

    public List<PlantedFinding> Planted { get; } = [];

    public List<CleanLookalike> Clean { get; } = [];

    public string Text => text.ToString();

    /// <summary>Plain lines (may contain '\n'); no expectations.</summary>
    public CorpusFile Line(string content)
    {
        foreach (var part in content.Split('\n'))
        {
            text.Append(part).Append('\n');
            line++;
        }

        return this;
    }

    /// <summary>A line (its first line, if it spans several) that each of <paramref name="ruleIds"/> must report.</summary>
    public CorpusFile Plant(string ruleId, string note, string content)
    {
        Planted.Add(new PlantedFinding(Path, line + 1, ruleId, note));
        return Line(content);
    }

    /// <summary>A line that nothing may report.</summary>
    public CorpusFile Lookalike(string note, string content)
    {
        var first = line + 1;
        Line(content);
        for (var l = first; l <= line; l++)
        {
            Clean.Add(new CleanLookalike(Path, l, note));
        }

        return this;
    }
}
