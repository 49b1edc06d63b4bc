using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

using Whisper.Core.Domain;
using Whisper.Cutover.Control;
using Whisper.Cutover.Gateway;

namespace Whisper.Cutover.Tests.Gateway;

public class CutoverGatewayTests
{
    private const string Us = "8.8.8.8";
    private const string France = "81.0.0.1";

    private static async Task<(string Backend, long[] Items)> ReadFeedAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (doc.RootElement.GetProperty("backend").GetString()!, [.. doc.RootElement.GetProperty("items_seen").EnumerateArray().Select(e => e.GetInt64())]);
    }

    [Fact]
    public async Task Proxy_MovedResident_IsAnsweredByTheFork()
    {
        await using var f = await GatewayFixture.StartAsync(stepsApplied: 3);

        var response = await f.FeedAsync(Us, GatewayFixture.QuarterUser());

        Assert.Equal("fork", (await ReadFeedAsync(response)).Backend);
        Assert.Equal("fork", response.Headers.GetValues(CutoverRoutingMiddleware.RouteHeader).Single());
        Assert.Equal(0, f.Source.FeedRequests);
        Assert.Equal(1, f.Gateway.Monitor.Summarize(f.Time.GetUtcNow(), TimeSpan.FromMinutes(1)).Requests);
    }

    [Fact]
    public async Task Proxy_ResidentNotYetMoved_IsAnsweredByTheSource()
    {
        await using var f = await GatewayFixture.StartAsync(stepsApplied: 3);

        var response = await f.FeedAsync(Us, GatewayFixture.LastUser());

        Assert.Equal("source", (await ReadFeedAsync(response)).Backend);
        Assert.Equal(0, f.Fork.FeedRequests);
    }

    [Fact]
    public async Task Proxy_MovedUserAbroadOrUntrustedForwardedFor_IsAnsweredByTheSource()
    {
        await using var f = await GatewayFixture.StartAsync(stepsApplied: 6);

        Assert.Equal("source", (await ReadFeedAsync(await f.FeedAsync(France, GatewayFixture.QuarterUser()))).Backend);
        Assert.Equal("fork", (await ReadFeedAsync(await f.FeedAsync(Us, GatewayFixture.QuarterUser()))).Backend);
    }

    [Fact]
    public async Task Handoff_UserMovedMidSession_ForkServesTheSessionItHeldOnTheSource()
    {
        await using var f = await GatewayFixture.StartAsync(stepsApplied: 0);
        var user = GatewayFixture.StaffUser;
        var now = DateTimeOffset.UtcNow;
        foreach (var video in new long[] { 11, 12, 13 })
        {
            f.Source.Sessions.Observe(new EngagementEvent(Guid.NewGuid(), user, video, EventKind.View, now, WatchTimeMs: 4000));
        }

        Assert.Equal("source", (await ReadFeedAsync(await f.FeedAsync(Us, user))).Backend);
        await f.Gateway.Controller.AdvanceAsync("test", "move staff"); // staff step: user 7 moves mid-session

        var (backend, items) = await ReadFeedAsync(await f.FeedAsync(Us, user));

        Assert.Equal("fork", backend);
        Assert.Equal([11L, 12L, 13L], items); // the fork answered with the session it received
        Assert.True(f.Source.Sessions.TryGet(user, out var before));
        Assert.True(f.Fork.Sessions.TryGet(user, out var after));
        Assert.Equal(before!.StartedAtMs, after!.StartedAtMs);
        Assert.Equal(before.LastActivityMs, after.LastActivityMs);
        Assert.Equal(12_000, after.WatchTimeMs);
        Assert.Equal(1, f.Gateway.Handoff!.Completed);
    }

    [Fact]
    public async Task Handoff_RollbackMovesTheUserBack_SourceGetsTheSessionGrownOnTheFork()
    {
        await using var f = await GatewayFixture.StartAsync(stepsApplied: 1);
        var user = GatewayFixture.StaffUser;
        var start = DateTimeOffset.UtcNow;
        f.Source.Sessions.Observe(new EngagementEvent(Guid.NewGuid(), user, 11, EventKind.View, start, WatchTimeMs: 1000));
        Assert.Equal("fork", (await ReadFeedAsync(await f.FeedAsync(Us, user))).Backend);
        f.Fork.Sessions.Observe(new EngagementEvent(Guid.NewGuid(), user, 21, EventKind.View, start.AddSeconds(5), WatchTimeMs: 1000));

        await f.Gateway.Controller.RollbackAsync("test", "drill");
        var (backend, items) = await ReadFeedAsync(await f.FeedAsync(Us, user));

        Assert.Equal("source", backend);
        Assert.Equal([11L, 21L], items);
        Assert.Equal(2, f.Gateway.Handoff!.Completed);
    }

    [Fact]
    public async Task Handoff_WrongToken_IsRefusedByTheRegion()
    {
        await using var region = await LoopbackRegion.StartAsync("source");
        using var client = new HttpClient { BaseAddress = region.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/internal/v1/sessions/7");
        request.Headers.Add("X-Whisper-Handoff-Token", "not-the-token-at-all-000000");

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode); // a token, but not this region's (none at all: 401)
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Proxy_InternalPath_IsNotForwarded()
    {
        await using var f = await GatewayFixture.StartAsync(stepsApplied: 6);
        var request = new HttpRequestMessage(HttpMethod.Get, "/internal/v1/sessions/7");
        request.Headers.Add("X-Whisper-Handoff-Token", LoopbackRegion.Token);

        var response = await f.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Sunset_ResidentBoundForTheSource_Gets451PointingToTheNewApp()
    {
        await using var f = await GatewayFixture.StartAsync(stepsApplied: 1);
        f.Time.SetUtcNow(f.Gateway.Router.Schedule.Sunset);

        var response = await f.FeedAsync(Us, GatewayFixture.LastUser());

        Assert.Equal(HttpStatusCode.UnavailableForLegalReasons, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("<https://us.whisper.example/app>; rel=\"alternate\"", response.Headers.GetValues("Link").Single());
        Assert.True(response.Headers.CacheControl?.NoStore);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("region_sunset", body.RootElement.GetProperty("code").GetString());
        Assert.Equal("https://us.whisper.example/app", body.RootElement.GetProperty("new_app_url").GetString());
        Assert.Equal(451, body.RootElement.GetProperty("status").GetInt32());
        Assert.Equal(0, f.Source.FeedRequests);
    }

    [Fact]
    public async Task Sunset_OtherCountriesAndMovedUsers_StillServed()
    {
        await using var f = await GatewayFixture.StartAsync(stepsApplied: 1);
        f.Time.SetUtcNow(f.Gateway.Router.Schedule.Sunset.AddDays(1));

        Assert.Equal("source", (await ReadFeedAsync(await f.FeedAsync(France, GatewayFixture.LastUser()))).Backend);
        Assert.Equal("fork", (await ReadFeedAsync(await f.FeedAsync(Us, GatewayFixture.StaffUser))).Backend);
    }

    [Fact]
    public async Task OperatorApi_StatusAdvanceRollback_WorkAndRefuseWithProblems()
    {
        await using var f = await GatewayFixture.StartAsync(stepsApplied: 0);

        var refused = await f.Client.PostAsJsonAsync("/v1/cutover/rollback", new { reason = "nothing to undo" });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);

        var advanced = await f.Client.PostAsJsonAsync("/v1/cutover/advance", new { reason = "launch" });
        Assert.Equal(HttpStatusCode.OK, advanced.StatusCode);

        var malformed = await f.Client.PostAsync("/v1/cutover/advance", new StringContent("{\"force\": \"yes\"", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);

        using var status = JsonDocument.Parse(await f.Client.GetStringAsync("/v1/cutover/status"));
        Assert.Equal(1, status.RootElement.GetProperty("steps_applied").GetInt32());
        Assert.Equal("running", status.RootElement.GetProperty("phase").GetString());
        Assert.Equal(6, status.RootElement.GetProperty("steps").GetArrayLength());
        Assert.True(status.RootElement.GetProperty("steps")[0].GetProperty("applied").GetBoolean());
        Assert.Equal("launch", status.RootElement.GetProperty("history")[0].GetProperty("reason").GetString());
        Assert.Equal(1, CutoverStateFile.Load(f.Gateway.Options.StatePath, f.Gateway.Controller.Plan).StepsApplied);
    }
}
