namespace Whisper.Recommendation.Candidates;

/// <summary>How many candidates each source may propose for one request (0 skips the source).</summary>
public sealed record SourceBudgets(int Ann, int Following, int Trending, int Fresh, int Live)
{
    public const int MaxBudget = 10_000;

    public int Total => Ann + Following + Trending + Fresh + Live;

    public int For(CandidateOrigin origin) => origin switch
    {
        CandidateOrigin.Ann => Ann,
        CandidateOrigin.Following => Following,
        CandidateOrigin.Trending => Trending,
        CandidateOrigin.Fresh => Fresh,
        CandidateOrigin.Live => Live,
        _ => 0,
    };

    /// <summary>Adds every problem to <paramref name="problems"/>, naming settings as <c>{name}.{source}</c>.</summary>
    public void Validate(string name, List<string> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        Span<(string Source, int Budget)> budgets = [("Ann", Ann), ("Following", Following), ("Trending", Trending), ("Fresh", Fresh), ("Live", Live)];
        var positive = false;
        foreach (var (source, budget) in budgets)
        {
            if (budget is < 0 or > MaxBudget)
            {
                problems.Add($"{name}.{source} is {budget}; use 0..{MaxBudget} candidates.");
            }

            positive |= budget > 0;
        }

        if (!positive)
        {
            problems.Add($"{name} gives every source 0; give at least one source a positive budget.");
        }
    }
}
