using System.Net;

namespace Whisper.Security.Egress;

/// <summary>
/// Turns a DNS name into addresses for the egress guard. The guard checks exactly these addresses and connects only
/// to them. The default is <see cref="SystemHostResolver"/>; tests substitute a fixed table.
/// </summary>
public interface IHostResolver
{
    /// <summary>The addresses of <paramref name="name"/> (lower-case, no trailing dot); throws <see cref="System.Net.Sockets.SocketException"/> when it does not resolve.</summary>
    ValueTask<IPAddress[]> ResolveAsync(string name, CancellationToken cancellationToken);
}
