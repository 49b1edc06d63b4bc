using System.Globalization;
using System.Text.Json;

using Whisper.Recommendation.Candidates;
using Whisper.Recommendation.Reranking;

namespace Whisper.Recommendation.RankingAudit;

/// <summary>
/// The business rules the platform declares it applies on top of the model (docs/manipulation-audit.md, "Declared
/// rules"): the seen filter, creator and topic caps, the fresh share, blocked creators and region availability. The
/// manipulation audit replays requests through the approved model and exactly these rules; any exposure they do not
/// explain is a finding. Defaults are the engine's defaults.
/// </summary>
public sealed record DeclaredRules
{
    public const string FormatName = "whisper-declared-rules";

    public const int CurrentVersion = 1;

    public string Format { get; set; } = FormatName;

    public int FormatVersion { get; set; } = CurrentVersion;

    /// <summary>Videos the user was served before the request (their logged impressions) are not served again.</summary>
    public bool SeenFilter { get; set; } = true;

    /// <summary>How many of the user's latest impressions the seen filter holds (the feed's RecentlyServedPerUser).</summary>
    public int SeenWindow { get; set; } = 200;

    public int MaxPerCreator { get; set; } = 2;

    public int MaxPerTopic { get; set; } = 3;

    public double MinFreshShare { get; set; } = 0.1;

    public double MaxFreshShare { get; set; } = 0.3;

    /// <summary>Fresh exploration (the feed's fresh source): a video younger than this many hours is fresh…</summary>
    public double FreshWindowHours { get; set; } = 48;

    /// <summary>…and so is every video of a creator whose first video is younger than this many days.</summary>
    public double FreshNewCreatorDays { get; set; } = 14;

    /// <summary>The fresh source's per-(user, day) shuffle key.</summary>
    public long FreshSalt { get; set; } = FreshOptions.Default.Salt;

    /// <summary>Fresh picks offered per request (the feed's warm fresh budget).</summary>
    public int FreshBudget { get; set; } = CandidateSourceSetOptions.Default.Warm.Fresh;

    /// <summary>How many nearest videos model retrieval proposes per request (the feed's warm ANN budget).</summary>
    public int RetrievalDepth { get; set; } = CandidateSourceSetOptions.Default.Warm.Ann;

    /// <summary>Request region → upload regions it may see; a region not listed sees everything.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> AvailableOrigins { get; set; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>Creators no user is served (e.g. takedowns).</summary>
    public IReadOnlyList<long> BlockedCreators { get; set; } = [];

    /// <summary>Per-user blocks: user id (decimal string) → creators that user blocked.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<long>> UserBlocks { get; set; } = new Dictionary<string, IReadOnlyList<long>>();

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (Format != FormatName || FormatVersion != CurrentVersion)
        {
            problems.Add($"format is '{Format}' version {FormatVersion}; this build reads '{FormatName}' version {CurrentVersion}.");
        }

        if (SeenWindow < 0)
        {
            problems.Add($"seenWindow is {SeenWindow}; use 0 or more impressions (e.g. 200).");
        }

        if (FreshBudget is < 0 or > SourceBudgets.MaxBudget || RetrievalDepth is < 1 or > SourceBudgets.MaxBudget)
        {
            problems.Add($"freshBudget is {FreshBudget} and retrievalDepth {RetrievalDepth}; use 0..{SourceBudgets.MaxBudget} and 1..{SourceBudgets.MaxBudget} (e.g. 40 and 150).");
        }

        if (double.IsFinite(FreshWindowHours) && double.IsFinite(FreshNewCreatorDays) && FreshWindowHours > 0 && FreshNewCreatorDays >= 0)
        {
            problems.AddRange(ToFreshOptions().Validate());
        }
        else
        {
            problems.Add($"freshWindowHours is {FreshWindowHours} and freshNewCreatorDays {FreshNewCreatorDays}; use more than 0 hours and 0 or more days (e.g. 48 and 14).");
        }

        if (BlockedCreators is null || UserBlocks is null)
        {
            problems.Add("blockedCreators and userBlocks must be lists/maps (empty when none).");
        }
        else
        {
            foreach (var user in UserBlocks.Keys)
            {
                if (!long.TryParse(user, NumberStyles.None, CultureInfo.InvariantCulture, out _))
                {
                    problems.Add($"userBlocks key '{user}' is not a user id; use decimal user ids.");
                }
            }
        }

        foreach (var problem in ToReRankerOptions().Validate())
        {
            problems.Add(problem);
        }

        return problems;
    }

    /// <summary>The re-ranker these rules declare (the feed's own filters and page rules).</summary>
    public ReRankerOptions ToReRankerOptions() => new()
    {
        MaxPerCreator = MaxPerCreator,
        MaxPerTopic = MaxPerTopic,
        MinFreshShare = MinFreshShare,
        MaxFreshShare = MaxFreshShare,
        AvailableOrigins = AvailableOrigins ?? new Dictionary<string, IReadOnlyList<string>>(),
    };

    /// <summary>The candidate budgets these rules declare: the feed's warm budgets with the declared retrieval depth and fresh budget.</summary>
    public CandidateSourceSetOptions ToCandidateOptions() => CandidateSourceSetOptions.Default with
    {
        Warm = CandidateSourceSetOptions.Default.Warm with { Ann = RetrievalDepth, Fresh = FreshBudget },
    };

    /// <summary>The fresh source these rules declare.</summary>
    public FreshOptions ToFreshOptions() => new()
    {
        Window = TimeSpan.FromHours(FreshWindowHours),
        NewCreatorWindow = TimeSpan.FromDays(FreshNewCreatorDays),
        Salt = FreshSalt,
    };

    /// <summary>Creators <paramref name="userId"/> may not be served: the global list and the user's own.</summary>
    public IReadOnlySet<long> BlockedFor(long userId)
    {
        var blocked = new HashSet<long>(BlockedCreators);
        if (UserBlocks.TryGetValue(userId.ToString(CultureInfo.InvariantCulture), out var own))
        {
            blocked.UnionWith(own);
        }

        return blocked;
    }

    /// <summary>Reads and validates a rules file.</summary>
    /// <exception cref="InvalidDataException">Missing, not JSON, or every problem with its values.</exception>
    public static DeclaredRules Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new InvalidDataException($"no declared-rules file at {path}; write one (docs/manipulation-audit.md, \"Declared rules\") or leave --rules out for the engine defaults.");
        }

        DeclaredRules? rules;
        try
        {
            rules = JsonSerializer.Deserialize(File.ReadAllBytes(path), RankingAuditJsonContext.Default.DeclaredRules);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path} is not a declared-rules file: {e.Message}");
        }

        if (rules is null)
        {
            throw new InvalidDataException($"{path} is empty; write a declared-rules object.");
        }

        var problems = rules.Validate();
        return problems.Count == 0 ? rules : throw new InvalidDataException($"{path}: {string.Join(" ", problems)}");
    }
}
