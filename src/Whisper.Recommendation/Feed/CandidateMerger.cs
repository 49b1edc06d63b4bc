using Whisper.Recommendation.Candidates;

namespace Whisper.Recommendation.Feed;

/// <summary>
/// Runs the sources with their budgets and merges their candidates: a video proposed by several sources is kept once,
/// from the first source in list order (so list the sources by priority). A stand-in until the Candidates module's
/// merger is wired in; same contract.
/// </summary>
internal static class CandidateMerger
{
    public static void Collect(IReadOnlyList<ICandidateSource> sources, FeedRequest request, CandidateBudgets budgets, List<Candidate> scratch, List<Candidate> into)
    {
        var seen = new HashSet<long>();
        foreach (var source in sources)
        {
            var budget = budgets.For(source.Origin);
            if (budget <= 0)
            {
                continue;
            }

            scratch.Clear();
            source.Collect(request, budget, scratch);
            var take = Math.Min(budget, scratch.Count); // a source that overshoots its budget is trimmed, not trusted
            for (var i = 0; i < take; i++)
            {
                if (seen.Add(scratch[i].VideoId))
                {
                    into.Add(scratch[i]);
                }
            }
        }
    }
}
