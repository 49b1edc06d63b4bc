using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Sockets;

using Microsoft.Extensions.Logging;

using Whisper.Security.Egress;

namespace Whisper.Security.Tests.Egress;

/// <summary>
/// Real sockets on loopback. The allowlist names 127.0.0.1/32 only; Linux routes all of 127/8 to this host, so a
/// listener on 127.0.0.2 is reachable without the guard and shows whether anything tried.
/// </summary>
public sealed class EgressGuardConnectionTests : IDisposable
{
    private static readonly IPAddress Outside = IPAddress.Parse("127.0.0.2");

    private readonly TcpListener _outsideListener = new(Outside, 0);
    private readonly StaticHostResolver _resolver;
    private readonly RecordingLogger<EgressGuard> _logger = new();
    private readonly IMeterFactory _meters = MetricRecorder.NewFactory();
    private readonly MetricRecorder _metrics;
    private readonly LoopbackHttpServer _server = new(IPAddress.Loopback);
    private readonly EgressGuard _guard;

    public EgressGuardConnectionTests()
    {
        _outsideListener.Start();
        _resolver = new StaticHostResolver(new()
        {
            ["sneaky.test"] = [Outside],                     // unlisted name pointing outside the CIDRs
            ["svc.test"] = [IPAddress.Loopback],             // unlisted name pointing inside: only this resolver knows it
            ["api.us.whisper.example"] = [IPAddress.Loopback],
        });
        _metrics = new MetricRecorder(_meters);
        _guard = new EgressGuard(Allowlists.LoopbackOnly(), _logger, _resolver, _meters);
    }

    private int OutsidePort => ((IPEndPoint)_outsideListener.LocalEndpoint).Port;

    public void Dispose()
    {
        _outsideListener.Stop();
        _outsideListener.Dispose();
        _server.Dispose();
        _metrics.Dispose();
    }

    [Fact]
    public async Task HttpClient_AddressOutsideAllowlist_NoConnectionAndEgressDenied()
    {
        using var client = new HttpClient(_guard.CreateHandler()) { Timeout = TimeSpan.FromSeconds(5) };

        var e = await Assert.ThrowsAnyAsync<HttpRequestException>(() => client.GetAsync(new Uri($"http://127.0.0.2:{OutsidePort}/")));

        var denied = EgressDeniedException.Find(e);
        Assert.NotNull(denied);
        Assert.Equal(EgressReason.AddressNotAllowed, denied.Reason);
        Assert.Equal("127.0.0.2", denied.Host);
        Assert.Equal(OutsidePort, denied.Port);
        Assert.Contains("Egress denied to 127.0.0.2", denied.Message, StringComparison.Ordinal);
        Assert.False(_outsideListener.Pending(), "the denied destination received a TCP connection");
    }

    [Fact]
    public async Task HttpClient_NameResolvingOutsideAllowlist_NoConnectionAndEgressDenied()
    {
        using var client = new HttpClient(_guard.CreateHandler()) { Timeout = TimeSpan.FromSeconds(5) };

        var e = await Assert.ThrowsAnyAsync<HttpRequestException>(() => client.GetAsync(new Uri($"http://sneaky.test:{OutsidePort}/")));

        Assert.Equal(EgressReason.ResolvedAddressNotAllowed, EgressDeniedException.Find(e)?.Reason);
        Assert.Equal(Outside, EgressDeniedException.Find(e)?.DeniedAddress);
        Assert.False(_outsideListener.Pending(), "the denied destination received a TCP connection");
    }

    [Fact]
    public async Task HttpClient_AllowedAddress_ReachesServer()
    {
        using var client = new HttpClient(_guard.CreateHandler()) { Timeout = TimeSpan.FromSeconds(5) };

        var body = await client.GetStringAsync(new Uri($"http://127.0.0.1:{_server.Port}/"));

        Assert.Equal("ok", body);
        Assert.Equal(1, _server.Connections);
    }

    [Theory]
    [InlineData("svc.test", "resolved-allowed")]
    [InlineData("api.us.whisper.example", "name-allowed")]
    public async Task HttpClient_AllowedName_ConnectsToTheCheckedAddressWithOneLookup(string host, string reason)
    {
        // The system resolver knows neither name, so success proves the socket went to the address the guard checked.
        using var client = new HttpClient(_guard.CreateHandler()) { Timeout = TimeSpan.FromSeconds(5) };

        Assert.Equal("ok", await client.GetStringAsync(new Uri($"http://{host}:{_server.Port}/")));

        Assert.Equal(1, _resolver.Calls);
        var allowed = Assert.Single(_metrics.Measurements);
        Assert.Equal("whisper.egress.allowed", allowed.Instrument);
        Assert.Equal(host, allowed.Tags["host"]);
        Assert.Equal(reason, allowed.Tags["reason"]);
    }

    [Fact]
    public async Task ConnectAsync_Denied_CountedAndLoggedWithoutRequestDetails()
    {
        using var client = new HttpClient(_guard.CreateHandler()) { Timeout = TimeSpan.FromSeconds(5) };
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"http://127.0.0.2:{OutsidePort}/secret-path?token=hunter2"))
        {
            Content = new StringContent("body-secret"),
        };
        request.Headers.Add("X-Api-Key", "header-secret");

        await Assert.ThrowsAnyAsync<HttpRequestException>(() => client.SendAsync(request));

        var denied = Assert.Single(_metrics.Measurements);
        Assert.Equal("whisper.egress.denied", denied.Instrument);
        Assert.Equal(1, denied.Value);
        Assert.Equal("127.0.0.2", denied.Tags["host"]);
        Assert.Equal("address-not-allowed", denied.Tags["reason"]);

        var entry = Assert.Single(_logger.Entries, e => e.Level == LogLevel.Warning);
        Assert.Equal(5000, entry.EventId.Id);
        Assert.Equal("127.0.0.2", entry.State["Host"]);
        Assert.Equal(OutsidePort, entry.State["Port"]);
        Assert.Equal("address-not-allowed", entry.State["Reason"]);
        Assert.Equal("test", entry.State["Region"]);
        var everything = entry.Message + string.Join(' ', entry.State.Values);
        foreach (var secret in new[] { "secret-path", "hunter2", "body-secret", "header-secret" })
        {
            Assert.DoesNotContain(secret, everything, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ConnectAsync_Allowed_CountsAllowedNotDenied()
    {
        await using (await _guard.ConnectAsync("127.0.0.1", _server.Port, CancellationToken.None))
        {
        }

        Assert.Equal(["whisper.egress.allowed"], _metrics.Measurements.Select(m => m.Instrument));
        Assert.Contains(_logger.Entries, e => e.Level == LogLevel.Debug && e.EventId.Id == 5001);
    }

    [Fact]
    public async Task ConnectAsync_InvalidHost_TaggedInvalidNotEchoed()
    {
        await Assert.ThrowsAsync<EgressDeniedException>(async () => await _guard.ConnectAsync("evil\nhost", 80, CancellationToken.None));

        Assert.Equal("(invalid)", Assert.Single(_metrics.Measurements).Tags["host"]);
        Assert.Equal("(invalid)", Assert.Single(_logger.Entries).State["Host"]);
    }
}
