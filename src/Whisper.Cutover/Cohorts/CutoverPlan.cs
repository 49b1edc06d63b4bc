using System.Collections.Frozen;

namespace Whisper.Cutover.Cohorts;

/// <summary>
/// A region's cutover plan (docs/cutover.md, "Plan file"): which countries are resident, the steps and their dates in
/// the plan's time zone, the sunset, and the override lists. Immutable; <see cref="CutoverPlanReader"/> builds and
/// validates one, <see cref="CutoverSchedule"/> turns its dates into instants.
/// </summary>
public sealed record CutoverPlan
{
    public const int CurrentVersion = 1;

    /// <summary>Salts the cohort hash (<see cref="CohortBucket"/>): keep it for the whole cutover, or users change buckets.</summary>
    public required string GroupId { get; init; }

    /// <summary>The new region's id, e.g. "us".</summary>
    public required string Region { get; init; }

    /// <summary>ISO 3166-1 alpha-2 codes whose IP addresses are residents of the region.</summary>
    public required FrozenSet<string> Countries { get; init; }

    public required TimeZoneInfo TimeZone { get; init; }

    /// <summary>Launch wall-clock time in <see cref="TimeZone"/> (kind Unspecified).</summary>
    public required DateTime LaunchLocal { get; init; }

    /// <summary>Sunset wall-clock time in <see cref="TimeZone"/>: from then on the source no longer serves resident IPs.</summary>
    public required DateTime SunsetLocal { get; init; }

    public required IReadOnlyList<CutoverStep> Steps { get; init; }

    public required FrozenSet<long> Staff { get; init; }

    public required FrozenSet<long> Creators { get; init; }

    /// <summary>Where the sunset response sends residents: the new region's app or store page.</summary>
    public required Uri NewAppUrl { get; init; }
}
