namespace Whisper.Cutover.Geo;

/// <summary>A lookup's outcome: a kind and, for <see cref="GeoLookupKind.Country"/> only, the packed country code.</summary>
public readonly record struct GeoLookupResult(GeoLookupKind Kind, ushort PackedCountry)
{
    public static GeoLookupResult Unknown => default;

    public bool IsCountry => Kind == GeoLookupKind.Country;

    /// <summary>The ISO 3166-1 alpha-2 code, or null when the address has no country (cached string, no allocation).</summary>
    public string? Country => Kind == GeoLookupKind.Country ? CountryCodes.Unpack(PackedCountry) : null;

    public override string ToString() => Country ?? Kind.ToString();
}
