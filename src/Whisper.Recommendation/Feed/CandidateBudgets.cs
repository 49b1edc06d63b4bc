using Whisper.Recommendation.Candidates;

namespace Whisper.Recommendation.Feed;

/// <summary>How many candidates each source may propose per request (0 = skip the source).</summary>
public sealed record CandidateBudgets(int Ann, int Following, int Trending, int Fresh, int Live)
{
    /// <summary>A user the model knows: mostly personal retrieval.</summary>
    public static CandidateBudgets Warm { get; } = new(Ann: 200, Following: 50, Trending: 60, Fresh: 40, Live: 10);

    /// <summary>A user without a vector: trending and fresh only.</summary>
    public static CandidateBudgets ColdStart { get; } = new(Ann: 0, Following: 0, Trending: 150, Fresh: 60, Live: 0);

    public int For(CandidateOrigin origin) => origin switch
    {
        CandidateOrigin.Ann => Ann,
        CandidateOrigin.Following => Following,
        CandidateOrigin.Trending => Trending,
        CandidateOrigin.Fresh => Fresh,
        CandidateOrigin.Live => Live,
        _ => 0,
    };

    public int Total => Ann + Following + Trending + Fresh + Live;

    internal void Validate(string name, List<string> problems)
    {
        foreach (var (source, budget) in new[] { ("Ann", Ann), ("Following", Following), ("Trending", Trending), ("Fresh", Fresh), ("Live", Live) })
        {
            if (budget is < 0 or > 10_000)
            {
                problems.Add($"{name}.{source} is {budget}; use 0..10,000 candidates.");
            }
        }

        if (Total <= 0)
        {
            problems.Add($"{name} gives every source 0; give at least one source a positive budget.");
        }
    }
}
