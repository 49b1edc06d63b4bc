namespace Whisper.Core.Domain;

/// <summary>
/// Which platform region serves a country (ISO 3166-1 alpha-2). Countries not listed are served by
/// <see cref="Regions.RestOfWorld"/>. The table is the product's default deployment map; a fork's residency
/// policy decides membership itself and only uses this for serving-side region features.
/// </summary>
public static class CountryRegions
{
    private static readonly Dictionary<string, string> Map = Build();

    public static string RegionOf(string country) =>
        Map.TryGetValue(country, out var region) ? region : Regions.RestOfWorld;

    private static Dictionary<string, string> Build()
    {
        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["US"] = Regions.Us };
        Add(map, Regions.Europe, "AT BE BG CH CY CZ DE DK EE ES FI FR GB GR HR HU IE IS IT LI LT LU LV MT NL NO PL PT RO SE SI SK UA");
        Add(map, Regions.AsiaPacific, "AU BD CN HK ID IN JP KR LK MY NZ PH PK SG TH TW VN");
        Add(map, Regions.LatinAmerica, "AR BO BR CL CO CR CU DO EC GT HN MX NI PA PE PR PY SV UY VE");
        return map;
    }

    private static void Add(Dictionary<string, string> map, string region, string countries)
    {
        foreach (var country in countries.Split(' '))
        {
            map[country] = region;
        }
    }
}
