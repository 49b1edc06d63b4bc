using System.Net;
using System.Net.Sockets;

namespace Whisper.Security.Audit.Allowlist;

/// <summary>IPv4 and IPv6 prefixes (<c>10.0.0.0/8</c>, <c>::1/128</c>); an IPv4-mapped IPv6 address is checked as IPv4.</summary>
public sealed class CidrSet
{
    private readonly IPNetwork[] networks;

    private CidrSet(IPNetwork[] networks) => this.networks = networks;

    public static CidrSet Empty { get; } = new([]);

    public IReadOnlyList<IPNetwork> Networks => networks;

    /// <summary>Builds a set; each invalid prefix is reported through <paramref name="problem"/> with its index.</summary>
    public static CidrSet Create(IReadOnlyList<string> prefixes, Action<int, string> problem)
    {
        ArgumentNullException.ThrowIfNull(prefixes);
        ArgumentNullException.ThrowIfNull(problem);
        var parsed = new List<IPNetwork>(prefixes.Count);
        for (var i = 0; i < prefixes.Count; i++)
        {
            var text = prefixes[i].Trim();
            if (!text.Contains('/', StringComparison.Ordinal))
            {
                problem(i, $"\"{prefixes[i]}\" has no prefix length; write it as a CIDR block, e.g. \"{text}/32\" for one IPv4 address or \"{text}/128\" for one IPv6 address");
            }
            else if (!IPNetwork.TryParse(text, out var network) || !IPAddress.TryParse(text.AsSpan(0, text.IndexOf('/', StringComparison.Ordinal)), out var written) || !written.Equals(network.BaseAddress))
            {
                problem(i, $"\"{prefixes[i]}\" is not a CIDR block with the host bits zero; use e.g. \"10.0.0.0/8\" or \"fd00::/8\"");
            }
            else
            {
                parsed.Add(network);
            }
        }

        return new CidrSet([.. parsed]);
    }

    public bool Contains(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.AddressFamily == AddressFamily.InterNetworkV6 && address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        foreach (var network in networks)
        {
            if (network.BaseAddress.AddressFamily == address.AddressFamily && network.Contains(address))
            {
                return true;
            }
        }

        return false;
    }
}
