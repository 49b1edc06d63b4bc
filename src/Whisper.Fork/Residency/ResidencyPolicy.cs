using Whisper.Fork.Manifest;

namespace Whisper.Fork.Residency;

/// <summary>
/// The rules that decide who moves into a sovereign region and what moves with them, read from a JSON file
/// (<see cref="Load"/>, <see cref="Parse"/>; format and decision rule in docs/residency-policy.md). Immutable and
/// always valid: the only way to get one is through the validating parser.
/// </summary>
public sealed partial class ResidencyPolicy
{
    public const string Format = "whisper-residency-policy";
    public const int CurrentVersion = 1;

    /// <summary>
    /// Shares are compared with this slack, so a share that is exactly the threshold in decimal (2.1 / 3.0 against 0.7)
    /// reaches it despite binary rounding.
    /// </summary>
    internal const double Tolerance = 1e-9;

    private readonly double[] _weights; // by ResidencySignal; 0 = signal not used
    private readonly bool[] _inRegion; // by packed country code (CountryCode); [0] (unknown) is always false

    private ResidencyPolicy(
        string source,
        string? description,
        string targetRegion,
        string[] countries,
        ForkMode mode,
        double[] weights,
        double threshold,
        double conflictMargin,
        double minimumKnownWeight,
        ConflictHandling conflicts,
        RelatedData related)
    {
        Source = source;
        Description = description;
        TargetRegion = targetRegion;
        Countries = countries;
        Mode = mode;
        _weights = weights;
        Threshold = threshold;
        ConflictMargin = conflictMargin;
        MinimumKnownWeight = minimumKnownWeight;
        Conflicts = conflicts;
        Related = related;
        _inRegion = new bool[CountryCode.TableSize];
        foreach (var country in countries)
        {
            _inRegion[CountryCode.Pack(country)] = true;
        }

        var used = new List<ResidencySignal>();
        for (var s = 0; s < ResidencySignals.Count; s++)
        {
            if (weights[s] > 0)
            {
                used.Add((ResidencySignal)s);
                TotalWeight += weights[s];
            }
        }

        Signals = used;
    }

    /// <summary>The file path or name the policy was read from (used in messages).</summary>
    public string Source { get; }

    /// <summary>Free text from the file's optional "description".</summary>
    public string? Description { get; }

    /// <summary>The region residents move to, e.g. "us".</summary>
    public string TargetRegion { get; }

    /// <summary>The ISO 3166-1 alpha-2 countries that make up the region, upper case, sorted.</summary>
    public IReadOnlyList<string> Countries { get; }

    /// <summary>Partial divestiture or full fork; recorded in the manifest, does not change who is resident.</summary>
    public ForkMode Mode { get; }

    /// <summary>The signals the policy weighs, in <see cref="ResidencySignal"/> order.</summary>
    public IReadOnlyList<ResidencySignal> Signals { get; }

    /// <summary>Sum of the weights of <see cref="Signals"/>.</summary>
    public double TotalWeight { get; }

    /// <summary>A user is resident when the in-region share of the known signal weight is at least this.</summary>
    public double Threshold { get; }

    /// <summary>Shares above <see cref="Threshold"/> − this and below <see cref="Threshold"/> are conflicts.</summary>
    public double ConflictMargin { get; }

    /// <summary>A user is non-resident when the in-region share is at most this (<see cref="Threshold"/> − <see cref="ConflictMargin"/>).</summary>
    public double NonResidentAtMost => Threshold - ConflictMargin;

    /// <summary>Below this much known signal weight the policy does not decide: the user is a conflict.</summary>
    public double MinimumKnownWeight { get; }

    /// <summary>Whether conflicted users move (they are reported either way).</summary>
    public ConflictHandling Conflicts { get; }

    /// <summary>Which rows travel with residents.</summary>
    public RelatedData Related { get; }

    /// <summary>The weight of a signal; 0 when the policy does not use it.</summary>
    public double WeightOf(ResidencySignal signal) => _weights[(int)signal];

    /// <summary>True when <paramref name="country"/> (alpha-2, either case) is one of <see cref="Countries"/>.</summary>
    public bool IsInRegion(string country)
    {
        ArgumentNullException.ThrowIfNull(country);
        return _inRegion[CountryCode.Pack(country)];
    }

    internal bool IsInRegion(ushort code) => _inRegion[code];

    internal ReadOnlySpan<double> Weights => _weights;
}
