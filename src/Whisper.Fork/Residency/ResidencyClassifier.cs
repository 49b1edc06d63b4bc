using System.Globalization;
using System.Net;
using System.Runtime.InteropServices;
using System.Text;

using Whisper.Core.Domain;
using Whisper.Core.Geo;

namespace Whisper.Fork.Residency;

/// <summary>
/// Applies a <see cref="ResidencyPolicy"/> to users. Each signal resolves to a country (the sign-up IP through
/// <see cref="IIpCountryLookup"/>) or to unknown, which does not vote. The share of known weight that is in region
/// decides: ≥ threshold → resident, ≤ threshold − margin → non-resident, between (or too little known weight) →
/// conflict. Thread-safe if the lookup is.
/// </summary>
public sealed class ResidencyClassifier
{
    private readonly IIpCountryLookup _geo;

    public ResidencyClassifier(ResidencyPolicy policy, IIpCountryLookup geo)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(geo);
        Policy = policy;
        _geo = geo;
    }

    public ResidencyPolicy Policy { get; }

    /// <summary>The verdict on <paramref name="user"/>, with every signal's vote.</summary>
    /// <param name="user">The user's own four signals.</param>
    /// <param name="billingCountries">
    /// The billing country of each of the user's orders (repeats count: three US orders and one CA order vote 3:1).
    /// Null or empty: the billing signal is unknown.
    /// </param>
    public ResidencyDecision Classify(User user, IReadOnlyList<string>? billingCountries = null)
    {
        ArgumentNullException.ThrowIfNull(user);
        var codes = Resolve(user);
        var billing = billingCountries is { Count: > 0 } ? new ushort[billingCountries.Count] : [];
        for (var i = 0; i < billing.Length; i++)
        {
            billing[i] = CountryCode.Pack(billingCountries![i]);
        }

        return Explain(user.Id, codes, billing);
    }

    /// <summary>The four user signals as packed country codes (IP looked up). Only signals the policy uses are resolved.</summary>
    internal SignalCodes Resolve(User user)
    {
        var weights = Policy.Weights;
        var codes = default(SignalCodes);
        if (weights[(int)ResidencySignal.DeclaredCountry] > 0)
        {
            codes.Declared = CountryCode.Pack(user.DeclaredCountry);
        }

        if (weights[(int)ResidencySignal.SignupIp] > 0)
        {
            codes.Ip = ResolveIp(user.SignupIp);
        }

        if (weights[(int)ResidencySignal.PhoneCountry] > 0)
        {
            codes.Phone = CountryCode.Pack(user.PhoneCountry);
        }

        if (weights[(int)ResidencySignal.ResidenceCountry] > 0)
        {
            codes.Residence = CountryCode.Pack(user.ResidenceCountry);
        }

        return codes;
    }

    /// <summary>The verdict alone, without allocating: the path the <see cref="ResidentSetBuilder"/> takes for every user.</summary>
    internal ResidencyVerdict Decide(in SignalCodes codes, ReadOnlySpan<ushort> billing, out double share, out double known)
    {
        var weights = Policy.Weights;
        double inRegion = 0;
        known = 0;
        for (var s = 0; s < SignalCodes.UserSignals; s++)
        {
            var code = codes[s];
            if (weights[s] > 0 && code != CountryCode.Unknown)
            {
                known += weights[s];
                inRegion += Policy.IsInRegion(code) ? weights[s] : 0;
            }
        }

        var billingWeight = weights[(int)ResidencySignal.BillingCountry];
        if (billingWeight > 0)
        {
            int orders = 0, inRegionOrders = 0;
            foreach (var code in billing)
            {
                if (code != CountryCode.Unknown)
                {
                    orders++;
                    inRegionOrders += Policy.IsInRegion(code) ? 1 : 0;
                }
            }

            if (orders > 0)
            {
                known += billingWeight;
                inRegion += billingWeight * inRegionOrders / orders;
            }
        }

        share = known > 0 ? inRegion / known : 0;
        if (known <= 0 || known < Policy.MinimumKnownWeight - ResidencyPolicy.Tolerance)
        {
            return ResidencyVerdict.Conflict;
        }

        if (share >= Policy.Threshold - ResidencyPolicy.Tolerance)
        {
            return ResidencyVerdict.Resident;
        }

        return share <= Policy.NonResidentAtMost + ResidencyPolicy.Tolerance ? ResidencyVerdict.NonResident : ResidencyVerdict.Conflict;
    }

    /// <summary>Whether a verdict moves the user under this policy.</summary>
    internal bool Travels(ResidencyVerdict verdict) =>
        verdict == ResidencyVerdict.Resident || (verdict == ResidencyVerdict.Conflict && Policy.Conflicts == ConflictHandling.ReportInclude);

    /// <summary>The full decision (evidence and reason) from resolved codes.</summary>
    internal ResidencyDecision Explain(long userId, in SignalCodes codes, ReadOnlySpan<ushort> billing)
    {
        var verdict = Decide(codes, billing, out var share, out var known);
        var evidence = new List<SignalEvidence>(ResidencySignals.Count);
        var weights = Policy.Weights;
        for (var s = 0; s < SignalCodes.UserSignals; s++)
        {
            if (weights[s] > 0)
            {
                evidence.Add(Vote((ResidencySignal)s, codes[s], weights[s]));
            }
        }

        var billingWeight = weights[(int)ResidencySignal.BillingCountry];
        if (billingWeight > 0)
        {
            AddBillingEvidence(evidence, billing, billingWeight);
        }

        return new ResidencyDecision(userId, verdict, Travels(verdict), share, known, evidence, Reason(verdict, share, known, evidence));
    }

    private SignalEvidence Vote(ResidencySignal signal, ushort code, double weight) =>
        code == CountryCode.Unknown
            ? new SignalEvidence(signal, SignalEvidence.UnknownCountry, false, 0)
            : new SignalEvidence(signal, CountryCode.Name(code), Policy.IsInRegion(code), weight);

    /// <summary>One vote per distinct known billing country, weighted by its share of the known orders; heaviest first.</summary>
    private void AddBillingEvidence(List<SignalEvidence> evidence, ReadOnlySpan<ushort> billing, double weight)
    {
        var counts = new Dictionary<ushort, int>();
        var orders = 0;
        foreach (var code in billing)
        {
            if (code != CountryCode.Unknown)
            {
                CollectionsMarshal.GetValueRefOrAddDefault(counts, code, out _)++;
                orders++;
            }
        }

        if (orders == 0)
        {
            evidence.Add(Vote(ResidencySignal.BillingCountry, CountryCode.Unknown, weight));
            return;
        }

        foreach (var (code, count) in counts.OrderByDescending(p => p.Value).ThenBy(p => CountryCode.Name(p.Key), StringComparer.Ordinal))
        {
            evidence.Add(Vote(ResidencySignal.BillingCountry, code, weight * count / orders));
        }
    }

    private string Reason(ResidencyVerdict verdict, double share, double known, List<SignalEvidence> evidence)
    {
        var p = Policy;
        var c = CultureInfo.InvariantCulture;
        if (known <= 0)
        {
            return $"conflict: no signal is known, nothing to decide on; {Votes(evidence)}";
        }

        if (known < p.MinimumKnownWeight - ResidencyPolicy.Tolerance)
        {
            return string.Create(c, $"conflict: only {known:0.##} of signal weight is known, the policy needs {p.MinimumKnownWeight:0.##} to decide; {Votes(evidence)}");
        }

        return verdict switch
        {
            ResidencyVerdict.Resident => string.Create(c, $"resident: {Percent(share)} of known weight {known:0.##} is in region {p.TargetRegion} (threshold {Percent(p.Threshold)}); {Votes(evidence)}"),
            ResidencyVerdict.NonResident => string.Create(c, $"non-resident: {Percent(share)} of known weight {known:0.##} is in region {p.TargetRegion} (non-resident at or below {Percent(p.NonResidentAtMost)}); {Votes(evidence)}"),
            _ => string.Create(c, $"conflict: {Percent(share)} of known weight {known:0.##} is in region {p.TargetRegion}, between {Percent(p.NonResidentAtMost)} and threshold {Percent(p.Threshold)}; signals disagree: {Votes(evidence)}"),
        };
    }

    /// <summary>"66.7%": invariant culture's P format would write "66.67 %".</summary>
    private static string Percent(double share) => (share * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";

    private static string Votes(List<SignalEvidence> evidence)
    {
        var text = new StringBuilder();
        foreach (var vote in evidence)
        {
            text.Append(text.Length == 0 ? "" : ", ").Append(vote.ToString());
        }

        return text.ToString();
    }

    private ushort ResolveIp(string? text)
    {
        if (text is null || !IpAddressText.TryParse(text, out var address))
        {
            return CountryCode.Unknown;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4(); // ::ffff:a.b.c.d is an IPv4 client seen through a dual-stack socket
        }

        return _geo.TryGetCountry(address, out var country) ? CountryCode.Pack(country) : CountryCode.Unknown;
    }
}
