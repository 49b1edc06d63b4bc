using System.Net;
using System.Net.Sockets;

using Whisper.Security.Egress;

namespace Whisper.Security.Tests.Egress;

/// <summary>The decision rule, without sockets: literals by CIDR, listed names by name, other names by every address.</summary>
public sealed class EgressGuardTests
{
    private static readonly StaticHostResolver Resolver = new(new()
    {
        ["api.us.whisper.example"] = [IPAddress.Parse("203.0.113.7")],                                  // listed, outside the CIDRs
        ["meta.us.whisper.example"] = [IPAddress.Parse("10.1.1.1"), IPAddress.Parse("169.254.169.254")],
        ["db.internal.test"] = [IPAddress.Parse("10.9.8.7"), IPAddress.Parse("2001:db8::5")],           // unlisted, inside
        ["mapped.internal.test"] = [IPAddress.Parse("::ffff:10.2.3.4")],
        ["rebind.test"] = [IPAddress.Parse("10.0.0.1"), IPAddress.Parse("8.8.8.8")],                   // unlisted, one outside
        ["empty.test"] = [],
    });

    private readonly EgressGuard _guard = new(Allowlists.LoopbackOnly(), resolver: Resolver);

    [Theory]
    [InlineData("127.0.0.1", EgressReason.AddressInAllowedCidr)]
    [InlineData("127.0.0.2", EgressReason.AddressNotAllowed)]
    [InlineData("10.255.255.255", EgressReason.AddressInAllowedCidr)]
    [InlineData("11.0.0.0", EgressReason.AddressNotAllowed)]
    [InlineData("[2001:db8::1]", EgressReason.AddressInAllowedCidr)]
    [InlineData("2001:db9::1", EgressReason.AddressNotAllowed)]
    [InlineData("::1", EgressReason.AddressInAllowedCidr)]
    [InlineData("::ffff:127.0.0.1", EgressReason.AddressInAllowedCidr)]
    [InlineData("169.254.169.254", EgressReason.AddressNotAllowed)]
    public void Evaluate_IpLiteral_DecidedByCidrsAlone(string host, EgressReason expected) =>
        Assert.Equal(expected, _guard.Evaluate(host, 443).Reason);

    [Fact]
    public async Task EvaluateAsync_ListedNameOutsideCidrs_AllowedByName()
    {
        var decision = await _guard.EvaluateAsync("API.us.whisper.example.", 443, CancellationToken.None);
        Assert.True(decision.Allowed);
        Assert.Equal(EgressReason.NameOnAllowlist, decision.Reason);
        Assert.Equal("*.us.whisper.example", decision.MatchedName?.Text);
        Assert.Equal([IPAddress.Parse("203.0.113.7")], decision.Addresses);
    }

    [Fact]
    public async Task EvaluateAsync_ListedNameResolvingToMetadataAddress_Denied()
    {
        var decision = await _guard.EvaluateAsync("meta.us.whisper.example", 80, CancellationToken.None);
        Assert.False(decision.Allowed);
        Assert.Equal(EgressReason.ReservedAddress, decision.Reason);
        Assert.Equal(IPAddress.Parse("169.254.169.254"), decision.DeniedAddress);
    }

    [Fact]
    public async Task EvaluateAsync_UnlistedNameEveryAddressInside_Allowed()
    {
        var decision = await _guard.EvaluateAsync("db.internal.test", 5432, CancellationToken.None);
        Assert.Equal(EgressReason.ResolvedInAllowedCidrs, decision.Reason);
        Assert.Equal(2, decision.Addresses.Count);
    }

    [Fact]
    public async Task EvaluateAsync_MappedAddress_CheckedAndConnectedAsIpv4()
    {
        var decision = await _guard.EvaluateAsync("mapped.internal.test", 443, CancellationToken.None);
        Assert.True(decision.Allowed);
        Assert.Equal([IPAddress.Parse("10.2.3.4")], decision.Addresses);
    }

    [Fact]
    public async Task EvaluateAsync_UnlistedNameWithOneAddressOutside_DeniedNamingIt()
    {
        var decision = await _guard.EvaluateAsync("rebind.test", 443, CancellationToken.None);
        Assert.False(decision.Allowed);
        Assert.Equal(EgressReason.ResolvedAddressNotAllowed, decision.Reason);
        Assert.Equal(IPAddress.Parse("8.8.8.8"), decision.DeniedAddress);
        Assert.Contains("8.8.8.8", decision.Explain(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EvaluateAsync_NameWithNoAddresses_Denied() =>
        Assert.Equal(EgressReason.NoAddresses, (await _guard.EvaluateAsync("empty.test", 443, CancellationToken.None)).Reason);

    [Fact]
    public async Task EvaluateAsync_UnresolvableName_ThrowsTheResolversError() =>
        await Assert.ThrowsAsync<SocketException>(async () => await _guard.EvaluateAsync("nowhere.test", 443, CancellationToken.None));

    [Theory]
    [InlineData("bad host")]
    [InlineData("exa_mple..com")]
    [InlineData("ünïcode.example")]
    [InlineData("")]
    public void Evaluate_InvalidHost_Denied(string host) =>
        Assert.Equal(EgressReason.InvalidHost, _guard.Evaluate(host, 443).Reason);

    [Fact]
    public void Evaluate_WithoutResolving_ListedAllowedOthersNotResolved()
    {
        Assert.Equal(EgressReason.NameOnAllowlist, _guard.Evaluate("whisper.example", 443).Reason);
        Assert.Equal(EgressReason.NotResolved, _guard.Evaluate("whisper.example.evil.com", 443).Reason);
        Assert.False(_guard.Evaluate("whisper.example.evil.com", 443).Allowed);
    }

    [Theory]
    [InlineData("2001:db9::1", "[2001:db9::1]:443")]
    [InlineData("[::1]", "[::1]:443")]
    [InlineData("Whisper.Example.", "whisper.example:443")]
    public void Evaluate_Destination_BracketsIpv6(string host, string destination) =>
        Assert.Equal(destination, _guard.Evaluate(host, 443).Destination);

    [Theory]
    [InlineData(-1)]
    [InlineData(65536)]
    public void Evaluate_PortOutOfRange_Throws(int port) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => _guard.Evaluate("127.0.0.1", port));
}
