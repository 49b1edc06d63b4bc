using System.Net;

namespace Whisper.Security.Egress;

/// <summary>The operating system's resolver (<see cref="Dns.GetHostAddressesAsync(string, CancellationToken)"/>: /etc/hosts, then DNS).</summary>
public sealed class SystemHostResolver : IHostResolver
{
    public async ValueTask<IPAddress[]> ResolveAsync(string name, CancellationToken cancellationToken) =>
        await Dns.GetHostAddressesAsync(name, cancellationToken).ConfigureAwait(false);
}
