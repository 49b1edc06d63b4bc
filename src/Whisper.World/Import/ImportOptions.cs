namespace Whisper.World.Import;

/// <summary>How an importer treats the file. Immutable; the defaults suit a first import into an empty store.</summary>
public sealed record ImportOptions
{
    /// <summary>False (default): the first malformed row throws <see cref="ImportFormatException"/>. True: bad rows are counted, sampled and skipped.</summary>
    public bool SkipBad { get; init; }

    /// <summary>How many bad rows <see cref="ImportReport.BadRowSamples"/> keeps when <see cref="SkipBad"/> is on.</summary>
    public int MaxBadSamples { get; init; } = 10;

    /// <summary>Events per append (one store transaction each).</summary>
    public int BatchSize { get; init; } = 5_000;

    /// <summary>Added to every user, video and creator id, so two data sets can share one store without id clashes.</summary>
    public long IdOffset { get; init; }

    /// <summary>Shift added to every source time; null uses the importer's default (MovieLens: +10,958 days; KuaiRec: none).</summary>
    public TimeSpan? TimeShift { get; init; }

    /// <summary>Every problem with these options, each naming the option and the fix.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (MaxBadSamples is < 0 or > 10_000)
        {
            problems.Add($"MaxBadSamples is {MaxBadSamples}; use 0..10,000.");
        }

        if (BatchSize is < 1 or > 1_000_000)
        {
            problems.Add($"BatchSize is {BatchSize}; use 1..1,000,000 (5,000 is a good default).");
        }

        if (IdOffset is < 0 or > 1_000_000_000_000)
        {
            problems.Add($"IdOffset is {IdOffset}; use 0..10^12 so offset ids stay positive and far from overflow.");
        }

        return problems;
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming every problem, if there is any; returns the options otherwise.</summary>
    public ImportOptions EnsureValid()
    {
        var problems = Validate();
        return problems.Count == 0 ? this : throw new ArgumentException(string.Join(" ", problems), "options");
    }
}
