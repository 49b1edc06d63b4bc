namespace Whisper.Fork.Residency;

/// <summary>
/// One signal's vote in a <see cref="ResidencyDecision"/>. An unknown signal (empty, malformed, an IP the geo database
/// cannot place, no orders) has <see cref="Country"/> "unknown", <see cref="InRegion"/> false and weight 0: it does
/// not vote either way. Raw values (the IP address itself) are never kept, only the country they resolve to.
/// </summary>
/// <param name="Signal">Which signal.</param>
/// <param name="Country">ISO 3166-1 alpha-2 country, upper case, or <see cref="UnknownCountry"/>.</param>
/// <param name="InRegion">True when <see cref="Country"/> is one of the policy's countries.</param>
/// <param name="Weight">Weight this vote carried (the signal's weight; billing splits it over the user's orders).</param>
public readonly record struct SignalEvidence(ResidencySignal Signal, string Country, bool InRegion, double Weight)
{
    public const string UnknownCountry = "unknown";

    public bool IsKnown => Weight > 0;

    public override string ToString() =>
        FormattableString.Invariant($"{Signal.ToWireName()}={Country}{(IsKnown ? (InRegion ? " (in)" : " (out)") : "")}");
}
