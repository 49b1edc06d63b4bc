using Whisper.Fork.Manifest;

namespace Whisper.Fork.Residency;

/// <summary>
/// What a <see cref="ResidentSetBuilder"/> decided: users per verdict, every conflict (a bounded sample as decisions,
/// all of them through <see cref="EnumerateConflicts"/>), rows seen and travelling per kind, the cross-border follows,
/// and the audience of every travelling creator. Contains ids and country codes, never raw IP addresses.
/// </summary>
public sealed class ResidencyReport
{
    private readonly ResidencyClassifier _classifier;
    private readonly ConflictLog _conflictLog;

    internal ResidencyReport(
        ResidencyPolicy policy,
        ResidencyClassifier classifier,
        long users,
        long residents,
        long nonResidents,
        long conflicts,
        long conflictsIncluded,
        RowCount creators,
        RowCount videos,
        RowCount liveSessions,
        RowCount products,
        RowCount follows,
        RowCount events,
        RowCount orders,
        long followsOfForeignCreators,
        long followsLeftBehind,
        IReadOnlyList<ResidencyDecision> conflictSample,
        ConflictLog conflictLog,
        IReadOnlyList<CreatorAudience> audiences)
    {
        _classifier = classifier;
        _conflictLog = conflictLog;
        TargetRegion = policy.TargetRegion;
        Mode = policy.Mode;
        ConflictHandling = policy.Conflicts;
        PolicySource = policy.Source;
        Users = users;
        Residents = residents;
        NonResidents = nonResidents;
        Conflicts = conflicts;
        ConflictsIncluded = conflictsIncluded;
        Creators = creators;
        Videos = videos;
        LiveSessions = liveSessions;
        Products = products;
        Follows = follows;
        Events = events;
        Orders = orders;
        FollowsOfForeignCreators = followsOfForeignCreators;
        FollowsLeftBehind = followsLeftBehind;
        ConflictSample = conflictSample;
        Audiences = audiences;
    }

    public string TargetRegion { get; }

    public ForkMode Mode { get; }

    public ConflictHandling ConflictHandling { get; }

    /// <summary>Where the policy was read from.</summary>
    public string PolicySource { get; }

    /// <summary>Users classified.</summary>
    public long Users { get; }

    public long Residents { get; }

    public long NonResidents { get; }

    /// <summary>Users the policy could not decide on; every one is reported.</summary>
    public long Conflicts { get; }

    /// <summary>Conflicts that travel anyway (<see cref="ConflictHandling.ReportInclude"/>); 0 under report-exclude.</summary>
    public long ConflictsIncluded { get; }

    /// <summary>Users that travel: residents plus included conflicts.</summary>
    public RowCount UsersTravelling => new(Users, Residents + ConflictsIncluded);

    public RowCount Creators { get; }

    public RowCount Videos { get; }

    public RowCount LiveSessions { get; }

    public RowCount Products { get; }

    public RowCount Follows { get; }

    public RowCount Events { get; }

    public RowCount Orders { get; }

    /// <summary>Follows that travel although their creator stays (a resident follows a foreign creator).</summary>
    public long FollowsOfForeignCreators { get; }

    /// <summary>Follows of travelling creators that stay because the follower stays (counted in <see cref="Audiences"/>).</summary>
    public long FollowsLeftBehind { get; }

    /// <summary>The first conflicts (at most the builder's sample size), as full decisions, in input order.</summary>
    public IReadOnlyList<ResidencyDecision> ConflictSample { get; }

    /// <summary>Every travelling creator's audience, by creator id.</summary>
    public IReadOnlyList<CreatorAudience> Audiences { get; }

    /// <summary>Every conflict as a full decision, in input order; rebuilt on each enumeration from a compact log.</summary>
    public IEnumerable<ResidencyDecision> EnumerateConflicts() => _conflictLog.Decisions(_classifier);
}
