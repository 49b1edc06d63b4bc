using System.Net;

using Microsoft.AspNetCore.Http;

namespace Whisper.Cutover.Gateway;

/// <summary>
/// The client's IP: the connection's peer, unless the peer is a configured trusted proxy, in which case
/// <c>X-Forwarded-For</c> is read from the right, skipping trusted proxies, and the first untrusted hop is the client.
/// A header from an untrusted peer is ignored (anyone can write one); a malformed entry stops the walk at the last
/// address known good.
/// </summary>
public sealed class ClientAddressResolver(IReadOnlyList<IPNetwork> trustedProxies)
{
    public const string ForwardedForHeader = "X-Forwarded-For";

    public IPAddress Resolve(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var peer = Normalize(context.Connection.RemoteIpAddress ?? IPAddress.IPv6None);
        if (!IsTrusted(peer) || !context.Request.Headers.TryGetValue(ForwardedForHeader, out var values))
        {
            return peer;
        }

        var current = peer;
        for (var v = values.Count - 1; v >= 0; v--)
        {
            var hops = (values[v] ?? string.Empty).AsSpan();
            while (!hops.IsEmpty)
            {
                var comma = hops.LastIndexOf(',');
                var hop = hops[(comma + 1)..].Trim();
                hops = comma < 0 ? [] : hops[..comma];
                if (!IPAddress.TryParse(hop, out var address))
                {
                    return current;
                }

                current = Normalize(address);
                if (!IsTrusted(current))
                {
                    return current;
                }
            }
        }

        return current;
    }

    private static IPAddress Normalize(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

    private bool IsTrusted(IPAddress address)
    {
        foreach (var network in trustedProxies)
        {
            if (network.Contains(address))
            {
                return true;
            }
        }

        return false;
    }
}
