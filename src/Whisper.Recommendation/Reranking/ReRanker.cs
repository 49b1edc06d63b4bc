using Whisper.Recommendation.Candidates;

namespace Whisper.Recommendation.Reranking;

/// <summary>
/// Composes a page from ranked candidates: drops what a filter refuses (recently served, blocked creators, unavailable
/// in the region, duplicates), then fills the page greedily in score order with candidates every page rule admits
/// (creator cap, topic cap, fresh cap). When the slots left equal the fresh videos still owed, only fresh candidates
/// may fill them. Caps are strict: when too few candidates satisfy them the page comes back short rather than
/// breaking a cap (the feed asks sources for several times the page size, so this is rare).
/// Cost: O(page × candidates) rule checks, ≈25k for 50 × 500; thread-safe (state lives in a per-call <see cref="RerankPage"/>
/// and per-thread scratch, so a call allocates only its page).
/// </summary>
public sealed class ReRanker
{
    [ThreadStatic]
    private static Scratch? t_scratch;

    private readonly ICandidateFilter[] _filters;
    private readonly IPageRule[] _rules;
    private readonly FreshShareRule? _fresh;

    public ReRanker(ReRankerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.EnsureValid();
        Options = options;
        _fresh = new FreshShareRule(options.MinFreshShare, options.MaxFreshShare);
        _filters = [new RecentlyServedRule(), new BlockedCreatorRule(), new RegionAvailabilityRule(options.AvailableOrigins)];
        _rules = [new CreatorCapRule(options.MaxPerCreator), new TopicDiversityRule(options.MaxPerTopic), _fresh];
    }

    /// <summary>Custom rule sets (tests, experiments). <paramref name="fresh"/>, when given, should also be in <paramref name="rules"/>.</summary>
    public ReRanker(IReadOnlyList<ICandidateFilter> filters, IReadOnlyList<IPageRule> rules, FreshShareRule? fresh = null)
    {
        ArgumentNullException.ThrowIfNull(filters);
        ArgumentNullException.ThrowIfNull(rules);
        Options = new ReRankerOptions();
        _filters = [.. filters];
        _rules = [.. rules];
        _fresh = fresh;
    }

    public ReRankerOptions Options { get; }

    /// <summary>Returns the page (at most <paramref name="count"/> items, in serving order).</summary>
    public RerankPage Rerank(FeedRequest request, ReadOnlySpan<RankedCandidate> ranked, int count)
    {
        ArgumentNullException.ThrowIfNull(request);
        var page = new RerankPage(count);
        // Per-thread scratch (Rerank is synchronous and not re-entered): no per-request lists, sets or arrays.
        var scratch = t_scratch ??= new Scratch();
        var eligible = scratch.Eligible;
        var seen = scratch.Seen;
        eligible.Clear();
        seen.Clear();
        try
        {
            var freshAvailable = 0;
            foreach (var candidate in ranked)
            {
                if (!float.IsNaN(candidate.Score) && KeepAll(request, candidate) && seen.Add(candidate.VideoId))
                {
                    eligible.Add(candidate);
                    freshAvailable += candidate.IsFresh ? 1 : 0;
                }
            }

            // Stable sort by score, best first: equal scores keep the sources' order.
            var n = eligible.Count;
            scratch.Ensure(n);
            var order = scratch.Order.AsSpan(0, n);
            var keys = scratch.Keys.AsSpan(0, n);
            for (var i = 0; i < n; i++)
            {
                order[i] = i;
                keys[i] = -eligible[i].Score;
            }

            keys.Sort(order);
            StableTies(keys, order);

            var used = scratch.Used.AsSpan(0, n);
            used.Clear();
            var freshOwed = Math.Min(_fresh?.Minimum(count) ?? 0, freshAvailable);
            while (page.Count < count)
            {
                var mustBeFresh = freshOwed - page.FreshCount >= count - page.Count && freshOwed > page.FreshCount;
                var pick = Next(page, eligible, order, used, mustBeFresh);
                if (pick < 0 && mustBeFresh)
                {
                    freshOwed = page.FreshCount; // no admissible fresh candidate left: stop reserving
                    pick = Next(page, eligible, order, used, false);
                }

                if (pick < 0)
                {
                    break;
                }

                used[pick] = true;
                page.Add(eligible[order[pick]]);
            }

            return page;
        }
        finally
        {
            eligible.Clear(); // drops the video facts it referenced
            if (seen.Count > 4_096)
            {
                seen.TrimExcess();
            }
        }
    }

    private bool KeepAll(FeedRequest request, in RankedCandidate candidate)
    {
        foreach (var filter in _filters)
        {
            if (!filter.Keep(request, candidate))
            {
                return false;
            }
        }

        return true;
    }

    private int Next(RerankPage page, List<RankedCandidate> eligible, ReadOnlySpan<int> order, ReadOnlySpan<bool> used, bool mustBeFresh)
    {
        for (var i = 0; i < order.Length; i++)
        {
            if (used[i])
            {
                continue;
            }

            var candidate = eligible[order[i]];
            if (mustBeFresh && !candidate.IsFresh)
            {
                continue;
            }

            var admitted = true;
            foreach (var rule in _rules)
            {
                if (!rule.Admits(page, candidate))
                {
                    admitted = false;
                    break;
                }
            }

            if (admitted)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Array.Sort is not stable: re-sort each run of equal keys by original index.</summary>
    private static void StableTies(ReadOnlySpan<float> keys, Span<int> order)
    {
        for (var i = 0; i < keys.Length;)
        {
            var j = i + 1;
            while (j < keys.Length && keys[j] == keys[i])
            {
                j++;
            }

            if (j - i > 1)
            {
                order.Slice(i, j - i).Sort();
            }

            i = j;
        }
    }

    private sealed class Scratch
    {
        public List<RankedCandidate> Eligible { get; } = new(512);

        public HashSet<long> Seen { get; } = new(512);

        public int[] Order { get; private set; } = new int[512];

        public float[] Keys { get; private set; } = new float[512];

        public bool[] Used { get; private set; } = new bool[512];

        public void Ensure(int n)
        {
            if (Order.Length < n)
            {
                var size = Math.Max(n, Order.Length * 2);
                Order = new int[size];
                Keys = new float[size];
                Used = new bool[size];
            }
        }
    }
}
