using System.Net;

using Microsoft.AspNetCore.Http;

using Whisper.Cutover.Gateway;

namespace Whisper.Cutover.Tests.Gateway;

public class ClientAddressResolverTests
{
    private static readonly ClientAddressResolver Resolver = new([IPNetwork.Parse("10.0.0.0/8"), IPNetwork.Parse("127.0.0.1/32")]);

    private static DefaultHttpContext Request(string peer, params string[] forwardedFor)
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse(peer);
        if (forwardedFor.Length > 0)
        {
            context.Request.Headers[ClientAddressResolver.ForwardedForHeader] = forwardedFor;
        }

        return context;
    }

    [Fact]
    public void Resolve_UntrustedPeer_IgnoresForwardedFor() =>
        Assert.Equal(IPAddress.Parse("81.2.3.4"), Resolver.Resolve(Request("81.2.3.4", "8.8.8.8")));

    [Fact]
    public void Resolve_TrustedPeer_TakesTheRightmostUntrustedHop() =>
        Assert.Equal(IPAddress.Parse("8.8.8.8"), Resolver.Resolve(Request("10.0.0.5", "6.6.6.6, 8.8.8.8, 10.0.0.9")));

    [Fact]
    public void Resolve_SeveralHeaderValues_ReadsTheLastValueFirst() =>
        Assert.Equal(IPAddress.Parse("9.9.9.9"), Resolver.Resolve(Request("127.0.0.1", "6.6.6.6", "9.9.9.9")));

    [Fact]
    public void Resolve_MalformedHop_StopsAtTheLastGoodAddress() =>
        Assert.Equal(IPAddress.Parse("10.0.0.9"), Resolver.Resolve(Request("10.0.0.5", "8.8.8.8, garbage, 10.0.0.9")));

    [Fact]
    public void Resolve_TrustedPeerWithoutHeader_IsThePeer() =>
        Assert.Equal(IPAddress.Parse("10.0.0.5"), Resolver.Resolve(Request("10.0.0.5")));

    [Fact]
    public void Resolve_MappedIPv4Peer_IsNormalisedBeforeTheTrustCheck() =>
        Assert.Equal(IPAddress.Parse("8.8.8.8"), Resolver.Resolve(Request("::ffff:10.0.0.5", "8.8.8.8")));
}
