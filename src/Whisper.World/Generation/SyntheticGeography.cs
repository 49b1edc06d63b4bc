using System.Net;

using Whisper.Core.Domain;

namespace Whisper.World.Generation;

/// <summary>
/// The country table the generator draws users from, with synthetic per-country IPv4 blocks. The blocks are
/// made up for the simulation (they are not the real registry allocations); <see cref="TryGetCountry"/> maps an
/// address back so tests and a geo-IP stub can resolve generated sign-up IPs without a real database.
/// </summary>
public static class SyntheticGeography
{
    /// <summary>Country used for users whose data set has no location (KuaiRec, from Kuaishou in China); weight 0 so the generator never draws it.</summary>
    public const string ChinaCode = "CN";

    /// <summary>Share of non-US users per region, in the order eu, apac, latam, row.</summary>
    public static IReadOnlyList<(string Region, double Share)> NonUsRegionShares { get; } =
    [
        (Regions.Europe, 0.30), (Regions.AsiaPacific, 0.35), (Regions.LatinAmerica, 0.20), (Regions.RestOfWorld, 0.15),
    ];

    /// <summary>All countries; the first is the US.</summary>
    public static IReadOnlyList<SyntheticCountry> Countries { get; } =
    [
        new("US", Regions.Us, 1.00, "en", "USD", 100, -5, [(23, 32), (23, 33), (63, 80), (63, 81)]),
        new("GB", Regions.Europe, 0.20, "en", "GBP", 79, 0, [(51, 140), (51, 141)]),
        new("DE", Regions.Europe, 0.22, "de", "EUR", 92, 1, [(46, 80), (46, 81)]),
        new("FR", Regions.Europe, 0.18, "fr", "EUR", 92, 1, [(82, 64), (82, 65)]),
        new("ES", Regions.Europe, 0.12, "es", "EUR", 92, 1, [(83, 32)]),
        new("IT", Regions.Europe, 0.12, "it", "EUR", 92, 1, [(79, 16)]),
        new("NL", Regions.Europe, 0.06, "nl", "EUR", 92, 1, [(145, 90)]),
        new("PL", Regions.Europe, 0.06, "pl", "PLN", 400, 1, [(83, 0)]),
        new("SE", Regions.Europe, 0.04, "sv", "SEK", 1050, 1, [(78, 64)]),
        new("JP", Regions.AsiaPacific, 0.20, "ja", "JPY", 150, 9, [(126, 16), (126, 17)]),
        new("KR", Regions.AsiaPacific, 0.10, "ko", "KRW", 1350, 9, [(121, 128)]),
        new("IN", Regions.AsiaPacific, 0.25, "hi", "INR", 8300, 5, [(103, 21), (49, 32)]),
        new("ID", Regions.AsiaPacific, 0.15, "id", "IDR", 15600, 7, [(114, 120)]),
        new("PH", Regions.AsiaPacific, 0.10, "en", "PHP", 5600, 8, [(112, 198)]),
        new("VN", Regions.AsiaPacific, 0.10, "vi", "VND", 24000, 7, [(113, 160)]),
        new("AU", Regions.AsiaPacific, 0.10, "en", "AUD", 150, 10, [(101, 160)]),
        new(ChinaCode, Regions.AsiaPacific, 0.00, "zh", "CNY", 720, 8, [(117, 136)]),
        new("BR", Regions.LatinAmerica, 0.45, "pt", "BRL", 500, -3, [(177, 32), (177, 33)]),
        new("MX", Regions.LatinAmerica, 0.30, "es", "MXN", 1700, -6, [(187, 188)]),
        new("AR", Regions.LatinAmerica, 0.10, "es", "ARS", 90000, -3, [(181, 44)]),
        new("CO", Regions.LatinAmerica, 0.10, "es", "COP", 400000, -5, [(181, 48)]),
        new("CL", Regions.LatinAmerica, 0.05, "es", "CLP", 900, -4, [(190, 160)]),
        new("CA", Regions.RestOfWorld, 0.25, "en", "CAD", 135, -5, [(142, 112)]),
        new("NG", Regions.RestOfWorld, 0.20, "en", "NGN", 150000, 1, [(105, 112)]),
        new("EG", Regions.RestOfWorld, 0.15, "ar", "EGP", 4800, 2, [(156, 192)]),
        new("ZA", Regions.RestOfWorld, 0.10, "en", "ZAR", 1850, 2, [(105, 224)]),
        new("TR", Regions.RestOfWorld, 0.15, "tr", "TRY", 3200, 3, [(88, 224)]),
        new("SA", Regions.RestOfWorld, 0.15, "ar", "SAR", 375, 3, [(188, 48)]),
    ];

    private static readonly Dictionary<int, int> CountryByBlock = BuildBlockIndex();
    private static readonly Dictionary<string, int> IndexByCode = BuildCodeIndex();

    /// <summary>The country whose synthetic block holds <paramref name="address"/>.</summary>
    public static bool TryGetCountry(IPAddress address, out string country)
    {
        ArgumentNullException.ThrowIfNull(address);
        Span<byte> bytes = stackalloc byte[16];
        if (address.TryWriteBytes(bytes, out var written) && written == 4
            && CountryByBlock.TryGetValue((bytes[0] << 8) | bytes[1], out var index))
        {
            country = Countries[index].Code;
            return true;
        }

        country = "";
        return false;
    }

    /// <summary>The table row for a code, or null when the table lacks it.</summary>
    public static SyntheticCountry? Find(string code) =>
        IndexByCode.TryGetValue(code, out var index) ? Countries[index] : null;

    internal static int IndexOf(string code) => IndexByCode[code];

    /// <summary>A deterministic address in the country's synthetic blocks (last octet 1..254).</summary>
    internal static string AddressIn(int countryIndex, ulong bits)
    {
        var blocks = Countries[countryIndex].Blocks;
        var (a, b) = blocks[(int)(bits % (ulong)blocks.Count)];
        var c = (int)((bits >> 16) & 0xFF);
        var d = 1 + (int)((bits >> 24) % 254);
        return $"{a}.{b}.{c}.{d}";
    }

    private static Dictionary<int, int> BuildBlockIndex()
    {
        var map = new Dictionary<int, int>();
        for (var i = 0; i < Countries.Count; i++)
        {
            foreach (var (a, b) in Countries[i].Blocks)
            {
                map.Add((a << 8) | b, i); // Add throws on a block listed twice: the table must stay unambiguous.
            }
        }

        return map;
    }

    private static Dictionary<string, int> BuildCodeIndex()
    {
        var map = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < Countries.Count; i++)
        {
            map.Add(Countries[i].Code, i);
        }

        return map;
    }
}
