using System.Net;

namespace Whisper.Security.Egress;

/// <summary>
/// A region's egress allowlist: the DNS names (<see cref="DnsPattern"/>) and networks (CIDRs, IPv4 and IPv6) its
/// processes may connect to. The file format is docs/security/allowlist.md; how it is enforced is
/// docs/security/egress-guard.md. Immutable; build it with <see cref="Load"/>, <see cref="Parse"/> or <see cref="Create"/>,
/// which refuse a bad allowlist with every problem named by field.
/// </summary>
public sealed partial class EgressAllowlist
{
    private EgressAllowlist(string region, IReadOnlyList<DnsPattern> dns, IReadOnlyList<IPNetwork> cidrs)
    {
        Region = region;
        Dns = dns;
        Cidrs = cidrs;
    }

    /// <summary>The region the allowlist belongs to (a lower-case DNS label: <c>us</c>, <c>eu-west</c>).</summary>
    public string Region { get; }

    /// <summary>Allowed names, in file order.</summary>
    public IReadOnlyList<DnsPattern> Dns { get; }

    /// <summary>Allowed networks, in file order.</summary>
    public IReadOnlyList<IPNetwork> Cidrs { get; }

    /// <summary>Builds an allowlist from values; throws <see cref="EgressAllowlistException"/> naming every bad field.</summary>
    public static EgressAllowlist Create(string region, IEnumerable<string> dns, IEnumerable<string> cidrs)
    {
        ArgumentNullException.ThrowIfNull(dns);
        ArgumentNullException.ThrowIfNull(cidrs);
        var problems = new List<string>();
        var result = Build(region, dns.ToList<string?>(), cidrs.ToList<string?>(), problems);
        return result ?? throw new EgressAllowlistException("allowlist", problems);
    }

    /// <summary>The first pattern that matches <paramref name="host"/> (any spelling: case, trailing dot), or null.</summary>
    public DnsPattern? FindName(string host)
    {
        if (!EgressHost.TryParse(host, out var address, out var name) || address is not null)
        {
            return null;
        }

        foreach (var pattern in Dns)
        {
            if (pattern.Matches(name))
            {
                return pattern;
            }
        }

        return null;
    }

    /// <summary>The first network that contains <paramref name="address"/> (IPv4-mapped IPv6 counts as IPv4), or null.</summary>
    public IPNetwork? FindNetwork(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        address = EgressHost.Normalize(address);
        foreach (var network in Cidrs)
        {
            if (network.Contains(address))
            {
                return network;
            }
        }

        return null;
    }

    private static EgressAllowlist? Build(string? region, List<string?> dns, List<string?> cidrs, List<string> problems)
    {
        var regionReported = problems.Any(p => p.StartsWith("region:", StringComparison.Ordinal)); // e.g. not a string: one message per field
        if (!regionReported && string.IsNullOrEmpty(region))
        {
            problems.Add("region: required, a lower-case DNS label such as \"us\"");
        }
        else if (!regionReported && !IsValidRegion(region!))
        {
            problems.Add($"region: '{region}' must be 1-32 of a-z 0-9 '-', starting and ending with a letter or digit (it names the NetworkPolicy)");
        }

        var patterns = new List<DnsPattern>();
        var seenNames = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < dns.Count; i++)
        {
            if (dns[i] is not { } text)
            {
                problems.Add($"dns[{i}]: must be a string");
            }
            else if (!DnsPattern.TryParse(text, out var pattern, out var error))
            {
                problems.Add($"dns[{i}]: {error}");
            }
            else if (!seenNames.TryAdd(pattern.Text, i))
            {
                problems.Add($"dns[{i}]: '{text}' repeats dns[{seenNames[pattern.Text]}]");
            }
            else
            {
                patterns.Add(pattern);
            }
        }

        var networks = new List<IPNetwork>();
        var seenNetworks = new Dictionary<IPNetwork, int>();
        for (var i = 0; i < cidrs.Count; i++)
        {
            if (cidrs[i] is not { } text)
            {
                problems.Add($"cidrs[{i}]: must be a string");
            }
            else if (!TryParseCidr(text, out var network, out var error))
            {
                problems.Add($"cidrs[{i}]: {error}");
            }
            else if (!seenNetworks.TryAdd(network, i))
            {
                problems.Add($"cidrs[{i}]: '{text}' repeats cidrs[{seenNetworks[network]}]");
            }
            else
            {
                networks.Add(network);
            }
        }

        return problems.Count == 0 ? new EgressAllowlist(region!, patterns, networks) : null;
    }

    internal static bool IsValidRegion(string region) =>
        region.Length is >= 1 and <= 32
        && region.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')
        && region[0] != '-' && region[^1] != '-';

    private static bool TryParseCidr(string text, out IPNetwork network, out string error)
    {
        network = default;
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        var addressText = slash < 0 ? text : text[..slash];
        if (!IPAddress.TryParse(addressText, out var address) || addressText.Contains('%', StringComparison.Ordinal))
        {
            error = $"'{text}' is not a CIDR; write an address and prefix length, e.g. '10.0.0.0/8' or 'fd00::/8'";
            return false;
        }

        var bits = address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128;
        if (slash < 0)
        {
            error = $"'{text}' has no prefix length; write '{text}/{bits}' for the single address";
            return false;
        }

        if (!int.TryParse(text.AsSpan(slash + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var prefix)
            || prefix > bits)
        {
            error = $"'{text}' has a prefix length outside 0-{bits}";
            return false;
        }

        if (prefix == 0)
        {
            error = $"'{text}' allows every address; a sovereign region must name the networks it may reach";
            return false;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            error = $"'{text}' is IPv4-mapped IPv6; write the IPv4 network instead (mapped addresses are checked as IPv4)";
            return false;
        }

        var bytes = address.GetAddressBytes();
        for (var bit = prefix; bit < bits; bit++)
        {
            bytes[bit / 8] &= (byte)~(0x80 >> (bit % 8));
        }

        var network0 = new IPAddress(bytes);
        if (!network0.Equals(address))
        {
            error = $"'{text}' has bits set after the prefix; did you mean '{network0}/{prefix}'?";
            return false;
        }

        network = new IPNetwork(network0, prefix);
        error = "";
        return true;
    }
}
