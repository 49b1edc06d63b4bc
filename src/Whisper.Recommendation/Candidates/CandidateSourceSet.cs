namespace Whisper.Recommendation.Candidates;

/// <summary>
/// Runs the candidate sources for one request, each with its budget from <see cref="CandidateSourceSetOptions"/>, in the order
/// given, and merges their output: a video proposed by several sources is kept once, with the origin (and score) of
/// the first source that proposed it, so list sources from the most specific reason to the least (recommended:
/// following, live, ANN, trending, fresh). A source that returns more than its budget is cut to it. Stops at
/// <see cref="CandidateSourceSetOptions.MaxTotal"/>. Allocation-free per request after warm-up (per-thread scratch).
/// </summary>
public sealed class CandidateSourceSet
{
    [ThreadStatic]
    private static List<Candidate>? t_scratch;

    [ThreadStatic]
    private static HashSet<long>? t_seen;

    private readonly ICandidateSource[] _sources;

    public CandidateSourceSet(IEnumerable<ICandidateSource> sources, CandidateSourceSetOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(sources);
        _sources = [.. sources];
        Options = options ?? CandidateSourceSetOptions.Default;
        var problems = new List<string>(Options.Validate());
        var origins = new HashSet<CandidateOrigin>();
        foreach (var source in _sources)
        {
            if (source is null)
            {
                problems.Add("Sources contain null; pass only constructed sources.");
            }
            else if (!origins.Add(source.Origin))
            {
                problems.Add($"Sources: two have origin {source.Origin}; budgets are per origin, so pass one source per origin.");
            }
        }

        CandidateOptionsException.ThrowIfAny(problems);
    }

    public CandidateSourceSetOptions Options { get; }

    public IReadOnlyList<ICandidateSource> Sources => _sources;

    /// <summary>Appends the merged candidates to <paramref name="into"/> and returns how many it appended.</summary>
    public int Collect(FeedRequest request, List<Candidate> into)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(into);
        var budgets = Options.For(request);
        var scratch = t_scratch ??= new List<Candidate>(256);
        var seen = t_seen ??= new HashSet<long>(1024);
        seen.Clear();
        var added = 0;
        foreach (var source in _sources)
        {
            if (added >= Options.MaxTotal)
            {
                break;
            }

            var budget = budgets.For(source.Origin);
            if (budget <= 0)
            {
                continue;
            }

            budget = Math.Min(budget, Options.MaxTotal - added);
            scratch.Clear();
            source.Collect(request, budget, scratch);
            for (var i = 0; i < scratch.Count && i < budget; i++)
            {
                var candidate = scratch[i];
                if (seen.Add(candidate.VideoId))
                {
                    into.Add(candidate with { Origin = source.Origin });
                    added++;
                }
            }
        }

        scratch.Clear();
        return added;
    }
}
