using System.Net;

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

using Whisper.Cutover.Cohorts;
using Whisper.Cutover.Control;
using Whisper.Cutover.Gates;
using Whisper.Cutover.Gateway;
using Whisper.Cutover.OperatorApi;
using Whisper.Cutover.Tests.Geo;
using Whisper.Security.Egress;

namespace Whisper.Cutover.Tests.Gateway;

/// <summary>The real thing on loopback: a source and a fork region, and the YARP gateway in front of them.</summary>
internal sealed class GatewayFixture : IAsyncDisposable
{
    public const long StaffUser = 7;

    private readonly TempDirectory _dir = new();
    private WebApplication _app = null!;

    private GatewayFixture()
    {
    }

    public LoopbackRegion Source { get; private set; } = null!;

    public LoopbackRegion Fork { get; private set; } = null!;

    public CutoverGateway Gateway { get; private set; } = null!;

    public FakeTimeProvider Time { get; } = new(DateTimeOffset.Parse("2026-06-01T00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    public HttpClient Client { get; private set; } = null!;

    /// <summary>
    /// Starts everything with <paramref name="stepsApplied"/> of the default plan applied (staff user 7). With an
    /// <paramref name="allowlist"/> the gateway's connections pass its egress guard; <paramref name="forkAddress"/>
    /// moves the fork off 127.0.0.1 (e.g. to ::1, outside an allowlist of 127.0.0.0/8).
    /// </summary>
    public static async Task<GatewayFixture> StartAsync(int stepsApplied, EgressAllowlist? allowlist = null, IPAddress? forkAddress = null)
    {
        var f = new GatewayFixture();
        f.Source = await LoopbackRegion.StartAsync("source");
        f.Fork = await LoopbackRegion.StartAsync("fork", forkAddress);
        var geo = Directory.CreateDirectory(f._dir.File("geoip")).FullName;
        GeoTestData.WriteDirectory(geo);
        var planPath = TestPlans.Write(f._dir, TestPlans.Json(staff: $"[{StaffUser}]"));
        var statePath = f._dir.File("state.json");
        CutoverStateFile.Save(statePath, CutoverState.Initial("us-2026") with { StepsApplied = stepsApplied });
        var options = new CutoverGatewayOptions
        {
            Source = [f.Source.BaseAddress],
            Fork = [f.Fork.BaseAddress],
            PlanPath = planPath,
            StatePath = statePath,
            GeoDirectory = geo,
            WatchGeoFiles = false,
            TrustedProxies = [IPNetwork.Parse("127.0.0.0/8")],
            HandoffToken = LoopbackRegion.Token,
            Allowlist = allowlist,
        };
        f.Gateway = CutoverGateway.Create(options, f.Time);

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Services.AddCutoverGateway(f.Gateway, runLoop: false);
        f._app = builder.Build();
        f._app.MapCutoverOperatorApi(f.Gateway.Controller, f.Time, requireAuthorization: false);
        f._app.MapCutoverGateway();
        await f._app.StartAsync();
        f.Client = new HttpClient { BaseAddress = new Uri(f._app.Urls.First()) };
        return f;
    }

    /// <summary>A feed request for <paramref name="user"/> as if from <paramref name="clientIp"/> behind the (trusted) loopback proxy.</summary>
    public Task<HttpResponseMessage> FeedAsync(string clientIp, long? user)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, user is null ? "/v1/feed" : $"/v1/feed?user={user}");
        request.Headers.Add("X-Forwarded-For", clientIp);
        return Client.SendAsync(request);
    }

    /// <summary>A user the 25 % step moves (bucket below 2,500) who is on no override list.</summary>
    public static long QuarterUser() => Enumerable.Range(100, 10_000).First(u => CohortBucket.Of("us-2026", u) < 2500);

    /// <summary>A user only the last step moves.</summary>
    public static long LastUser() => Enumerable.Range(100, 10_000).First(u => CohortBucket.Of("us-2026", u) >= 7500);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        Gateway.Dispose();
        await Source.DisposeAsync();
        await Fork.DisposeAsync();
        _dir.Dispose();
    }
}
