using System.Net;
using System.Text.Json;

using Whisper.Cutover.Gateway;
using Whisper.Security.Egress;

namespace Whisper.Cutover.Tests.Gateway;

/// <summary>The gateway with a region allowlist that names the source (127.0.0.0/8) but not the fork (on ::1).</summary>
public class CutoverGatewayEgressTests
{
    private const string Us = "8.8.8.8";

    private static EgressAllowlist SourceOnly() => EgressAllowlist.Create("us", dns: [], cidrs: ["127.0.0.0/8"]);

    [Fact]
    public async Task Proxy_ForkOutsideTheAllowlist_Gets502ProblemAndTheForkSeesNoConnection()
    {
        await using var f = await GatewayFixture.StartAsync(stepsApplied: 3, SourceOnly(), IPAddress.IPv6Loopback);

        using var response = await f.FeedAsync(Us, GatewayFixture.QuarterUser());

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(EgressRefusal.Code, problem.RootElement.GetProperty("code").GetString());
        Assert.Equal("fork", response.Headers.GetValues(CutoverRoutingMiddleware.RouteHeader).Single());
        // Neither the proxied request nor the session handoff's import (the gateway's own client) reached the fork.
        Assert.Equal(0, f.Fork.Connections);
        Assert.Equal(0, f.Fork.FeedRequests);
        Assert.Equal(0, f.Gateway.Handoff!.Completed);
    }

    [Fact]
    public async Task Proxy_SourceInsideTheAllowlist_IsServed()
    {
        await using var f = await GatewayFixture.StartAsync(stepsApplied: 3, SourceOnly(), IPAddress.IPv6Loopback);

        using var response = await f.FeedAsync(Us, GatewayFixture.LastUser());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("source", body.RootElement.GetProperty("backend").GetString());
        Assert.Equal(1, f.Source.FeedRequests);
        Assert.Equal(0, f.Fork.Connections);
    }

    [Fact]
    public async Task Proxy_ForkOnIpv6WithoutAnAllowlist_IsServed()
    {
        // The same fork address answers when no guard stands in the way: the 502 above is the guard's doing.
        await using var f = await GatewayFixture.StartAsync(stepsApplied: 3, allowlist: null, IPAddress.IPv6Loopback);

        using var response = await f.FeedAsync(Us, GatewayFixture.QuarterUser());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(f.Fork.Connections > 0);
    }
}
