using System.Text.Json.Serialization;

namespace Whisper.World.Generation;

/// <summary>
/// What world to generate. The defaults make the reference world: 50k users, 100k videos, 30 days,
/// about 5 M events. Every option that changes the output is here, so (options) fully determines the world.
/// Check with <see cref="Validate"/>; <see cref="WorldGenerator"/> refuses options that have problems.
/// </summary>
public sealed record WorldOptions
{
    /// <summary>Number of users (ids 1..Users).</summary>
    public int Users { get; init; } = 50_000;

    /// <summary>Number of videos (ids 1..Videos).</summary>
    public int Videos { get; init; } = 100_000;

    /// <summary>Number of creators (ids 1..); null means <c>max(1, Users / 20)</c>. Each creator is backed by a distinct user.</summary>
    public int? Creators { get; init; }

    /// <summary>Length of the simulated period in days, starting at <see cref="Start"/>.</summary>
    public int Days { get; init; } = 30;

    /// <summary>Seed of every random stream; same options and seed give the same world byte for byte.</summary>
    public long Seed { get; init; } = 42;

    /// <summary>Fraction of users who live in the US (the rest spread over eu, apac, latam and row).</summary>
    public double UsShare { get; init; } = 0.35;

    /// <summary>Number of latent topics (the first 32 have names such as "cooking"; more are named "topic33", ...).</summary>
    public int Topics { get; init; } = 32;

    /// <summary>Dimensions of the latent taste and topic vectors.</summary>
    public int LatentDimensions { get; init; } = 16;

    /// <summary>First instant of the simulated period (UTC).</summary>
    public DateTimeOffset Start { get; init; } = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Mean sessions per user per day (each user's own rate is log-normal around it). 0.2 gives ≈5 M events by default.</summary>
    public double SessionsPerUserPerDay { get; init; } = 0.2;

    /// <summary>Mean number of videos shown in one session (1 + Poisson(mean − 1), at most <see cref="MaxVideosPerSession"/>).</summary>
    public double VideosPerSession { get; init; } = 8;

    /// <summary>Hard cap on videos in one session.</summary>
    public int MaxVideosPerSession { get; init; } = 40;

    /// <summary>Share of candidate slots filled by uniform exploration instead of a targeted source.</summary>
    public double ExplorationRate { get; init; } = 0.1;

    /// <summary>Fraction of users whose four residency signals do not all agree (travellers, VPNs, foreign SIMs, expats).</summary>
    public double ResidencyConflictRate { get; init; } = 0.05;

    /// <summary>Mean number of creators a user follows before the period starts.</summary>
    public double InitialFollowsPerUser { get; init; } = 5;

    /// <summary>Share of creators who sell products in the shop.</summary>
    public double SellerShare { get; init; } = 0.2;

    /// <summary>Number of trending topics (each rises and fades once over the period); null means <c>max(1, Topics / 8)</c>.</summary>
    public int? TrendingTopics { get; init; }

    /// <summary>Creators actually used: <see cref="Creators"/> or the default derived from <see cref="Users"/>.</summary>
    [JsonIgnore]
    public int EffectiveCreators => Creators ?? Math.Max(1, Users / 20);

    /// <summary>Trending topics actually used.</summary>
    [JsonIgnore]
    public int EffectiveTrendingTopics => TrendingTopics ?? Math.Max(1, Topics / 8);

    /// <summary>Every problem with these options, each naming the option and the fix; empty when the options are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        void Check(bool ok, string problem)
        {
            if (!ok)
            {
                problems.Add(problem);
            }
        }

        Check(Users is >= 1 and <= 10_000_000, $"Users is {Users}; use 1..10,000,000.");
        Check(Videos is >= 1 and <= 50_000_000, $"Videos is {Videos}; use 1..50,000,000.");
        Check(Creators is null || (Creators >= 1 && Creators <= Users),
            $"Creators is {Creators}; use 1..Users ({Users}) (every creator is backed by a distinct user), or leave it unset for Users/20.");
        Check(Days is >= 1 and <= 3_650, $"Days is {Days}; use 1..3,650.");
        Check(UsShare is >= 0 and <= 1, $"UsShare is {UsShare}; use a fraction in 0..1, e.g. 0.35.");
        Check(Topics is >= 1 and <= 1_000, $"Topics is {Topics}; use 1..1,000.");
        Check(LatentDimensions is >= 2 and <= 256, $"LatentDimensions is {LatentDimensions}; use 2..256.");
        Check(Start.Offset == TimeSpan.Zero, $"Start is {Start:O}; use a UTC time (offset +00:00).");
        Check(Start.Year >= 2001 && Start.AddDays(Days).Year <= 8999,
            $"Start {Start:O} plus Days {Days} leaves 2001..8999; pick a start in that range so every event time is plausible.");
        Check(double.IsFinite(SessionsPerUserPerDay) && SessionsPerUserPerDay is > 0 and <= 100,
            $"SessionsPerUserPerDay is {SessionsPerUserPerDay}; use a rate in (0, 100], e.g. 0.2.");
        Check(MaxVideosPerSession is >= 1 and <= 200, $"MaxVideosPerSession is {MaxVideosPerSession}; use 1..200.");
        Check(double.IsFinite(VideosPerSession) && VideosPerSession >= 1 && VideosPerSession <= MaxVideosPerSession,
            $"VideosPerSession is {VideosPerSession}; use 1..MaxVideosPerSession ({MaxVideosPerSession}).");
        Check(ExplorationRate is >= 0 and <= 1, $"ExplorationRate is {ExplorationRate}; use a fraction in 0..1, e.g. 0.1.");
        Check(ResidencyConflictRate is >= 0 and <= 1, $"ResidencyConflictRate is {ResidencyConflictRate}; use a fraction in 0..1, e.g. 0.05.");
        Check(double.IsFinite(InitialFollowsPerUser) && InitialFollowsPerUser is >= 0 and <= 1_000,
            $"InitialFollowsPerUser is {InitialFollowsPerUser}; use 0..1,000.");
        Check(SellerShare is >= 0 and <= 1, $"SellerShare is {SellerShare}; use a fraction in 0..1, e.g. 0.2.");
        Check(TrendingTopics is null || (TrendingTopics >= 0 && TrendingTopics <= Topics),
            $"TrendingTopics is {TrendingTopics}; use 0..Topics ({Topics}), or leave it unset for Topics/8.");
        return problems;
    }

    /// <summary>Throws <see cref="WorldOptionsException"/> listing every problem, if there is any.</summary>
    public void EnsureValid()
    {
        var problems = Validate();
        if (problems.Count > 0)
        {
            throw new WorldOptionsException(problems);
        }
    }
}
