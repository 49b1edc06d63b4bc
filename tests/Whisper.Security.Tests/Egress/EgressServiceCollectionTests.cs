using System.Net;
using System.Net.Sockets;

using Microsoft.Extensions.DependencyInjection;

using Whisper.Security.Egress;

namespace Whisper.Security.Tests.Egress;

/// <summary><c>services.AddEgressGuard(allowlist)</c>: every IHttpClientFactory client is guarded, and cannot opt out.</summary>
public sealed class EgressServiceCollectionTests : IDisposable
{
    private readonly TcpListener _outsideListener = new(IPAddress.Parse("127.0.0.2"), 0);
    private readonly LoopbackHttpServer _server = new(IPAddress.Loopback);

    public EgressServiceCollectionTests() => _outsideListener.Start();

    private Uri Outside => new($"http://127.0.0.2:{((IPEndPoint)_outsideListener.LocalEndpoint).Port}/");

    private Uri Inside => new($"http://127.0.0.1:{_server.Port}/");

    public void Dispose()
    {
        _outsideListener.Stop();
        _outsideListener.Dispose();
        _server.Dispose();
    }

    private static ServiceProvider Build(Action<IServiceCollection>? more = null)
    {
        var services = new ServiceCollection().AddEgressGuard(Allowlists.LoopbackOnly());
        more?.Invoke(services);
        return services.BuildServiceProvider();
    }

    [Fact]
    public async Task DefaultClient_DeniedAndAllowedDestinations()
    {
        using var provider = Build();
        using var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient();
        client.Timeout = TimeSpan.FromSeconds(5);

        var e = await Assert.ThrowsAnyAsync<HttpRequestException>(() => client.GetAsync(Outside));
        Assert.NotNull(EgressDeniedException.Find(e));
        Assert.False(_outsideListener.Pending(), "the denied destination received a TCP connection");
        Assert.Equal("ok", await client.GetStringAsync(Inside));
    }

    [Fact]
    public async Task TypedClient_Guarded()
    {
        using var provider = Build(s => s.AddHttpClient<TypedClient>());
        var typed = provider.GetRequiredService<TypedClient>();
        typed.Http.Timeout = TimeSpan.FromSeconds(5);

        var e = await Assert.ThrowsAnyAsync<HttpRequestException>(() => typed.Http.GetAsync(Outside));
        Assert.NotNull(EgressDeniedException.Find(e));
        Assert.False(_outsideListener.Pending());
    }

    [Fact]
    public async Task NamedClientReplacingPrimaryWithPlainSocketsHandler_StillGuarded()
    {
        using var provider = Build(s => s.AddHttpClient("custom").ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler()));
        using var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient("custom");
        client.Timeout = TimeSpan.FromSeconds(5);

        var e = await Assert.ThrowsAnyAsync<HttpRequestException>(() => client.GetAsync(Outside));
        Assert.NotNull(EgressDeniedException.Find(e));
        Assert.False(_outsideListener.Pending());
    }

    [Fact]
    public void NamedClientWithHttpClientHandler_RefusedAtCreateClient()
    {
        using var provider = Build(s => s.AddHttpClient("legacy").ConfigurePrimaryHttpMessageHandler(() => new HttpClientHandler()));

        var e = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<IHttpClientFactory>().CreateClient("legacy"));
        Assert.Contains("HttpClient 'legacy' uses a HttpClientHandler", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NamedClientWithOwnConnectCallback_RefusedAtCreateClient()
    {
        using var provider = Build(s => s.AddHttpClient("bypass").ConfigurePrimaryHttpMessageHandler(() =>
            new SocketsHttpHandler { ConnectCallback = (_, _) => throw new InvalidOperationException("not reached") }));

        var e = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<IHttpClientFactory>().CreateClient("bypass"));
        Assert.Contains("ConnectCallback", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NamedClientWithExplicitProxy_RefusedAtCreateClient()
    {
        using var provider = Build(s => s.AddHttpClient("proxied").ConfigurePrimaryHttpMessageHandler(() =>
            new SocketsHttpHandler { Proxy = new WebProxy("http://127.0.0.1:3128"), UseProxy = true }));

        var e = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<IHttpClientFactory>().CreateClient("proxied"));
        Assert.Contains("proxy", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Http3OnlyRequest_DeniedBeforeAnyConnection()
    {
        using var provider = Build();
        using var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, Inside) { Version = HttpVersion.Version30, VersionPolicy = HttpVersionPolicy.RequestVersionExact };

        var e = await Assert.ThrowsAsync<EgressDeniedException>(() => client.SendAsync(request));

        Assert.Equal(EgressReason.Http3Unguarded, e.Reason);
        Assert.Equal(0, _server.Connections);
    }

    [Theory]
    [InlineData(3, HttpVersionPolicy.RequestVersionOrLower)]
    [InlineData(1, HttpVersionPolicy.RequestVersionOrHigher)]
    public async Task RequestAllowingHttp3_SentWithoutIt(int major, HttpVersionPolicy policy)
    {
        using var provider = Build();
        using var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, Inside) { Version = new Version(major, major == 1 ? 1 : 0), VersionPolicy = policy };

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(request.Version.Major < 3);
        Assert.NotEqual(HttpVersionPolicy.RequestVersionOrHigher, request.VersionPolicy); // an https upgrade to HTTP/3 is off too
    }

    [Fact]
    public void AddEgressGuard_Twice_Refused() =>
        Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddEgressGuard(Allowlists.LoopbackOnly()).AddEgressGuard(Allowlists.LoopbackOnly()));

    [Fact]
    public void AddEgressGuard_RegistersGuardAndAllowlist()
    {
        using var provider = Build();
        Assert.Same(provider.GetRequiredService<EgressAllowlist>(), provider.GetRequiredService<EgressGuard>().Allowlist);
    }

    internal sealed class TypedClient(HttpClient http)
    {
        public HttpClient Http { get; } = http;
    }
}
