using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

using Whisper.Security.Tls;
using Whisper.Server.Client;
using Whisper.Server.Tests.Infrastructure;
using Whisper.Server.Tls;

namespace Whisper.Server.Tests.Tls;

/// <summary>The real server with mutual TLS: who gets served and who is refused, over loopback sockets.</summary>
public sealed class MutualTlsServerTests(MutualTlsFixture fixture) : IClassFixture<MutualTlsFixture>
{
    private static readonly TimeSpan Bounded = TimeSpan.FromSeconds(15);

    private TlsFiles Files => fixture.Files;

    [Fact]
    public async Task Get_ClientOfTheCa_IsServed()
    {
        using var identity = Files.Identity(TlsFiles.Client);
        using var http = WithTimeout(MutualTlsHttpClient.Create(identity, fixture.Open.BaseAddress));

        using var response = await http.GetAsync(new Uri("/health/live", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("https://127.0.0.1:", fixture.Open.BaseAddress.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WhisperClient_OverMutualTls_CallsTheApi()
    {
        using var identity = Files.Identity(TlsFiles.Client);
        using var http = WithTimeout(MutualTlsHttpClient.Create(identity, fixture.Open.BaseAddress));
        var client = new WhisperClient(http, fixture.Open.ViewerKey);

        Assert.Null(await client.GetVideoAsync(987_654_321));
    }

    [Fact]
    public async Task Handshake_ClientOfTheCa_NegotiatesTls13WithTheServerCertificate()
    {
        using var identity = Files.Identity(TlsFiles.Client);
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, fixture.Open.BaseAddress.Port);
        await using var tls = new SslStream(tcp.GetStream());
        var policy = identity.Policy();
        using var cts = new CancellationTokenSource(Bounded);

        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = "127.0.0.1",
            ClientCertificateContext = SslStreamCertificateContext.Create(identity.Certificate, null, offline: true),
            EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
            RemoteCertificateValidationCallback = (_, certificate, _, _) => policy.Validate(certificate as X509Certificate2, TlsPeerRole.Server).Accepted,
        }, cts.Token);

        Assert.Equal(SslProtocols.Tls13, tls.SslProtocol);
        Assert.Equal("CN=" + TlsFiles.Server, tls.RemoteCertificate!.Subject);
    }

    [Fact]
    public async Task Get_PlaintextHttp_IsRefused()
    {
        using var http = WithTimeout(new HttpClient());
        var plain = new UriBuilder(fixture.Open.BaseAddress) { Scheme = Uri.UriSchemeHttp, Path = "/health/live" }.Uri;

        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync(plain));
    }

    [Fact]
    public async Task Get_TlsClientWithoutCertificate_IsRefused()
    {
        using var identity = Files.Identity(TlsFiles.Client);
        var policy = identity.Policy();
        using var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, _) => policy.Validate(certificate as X509Certificate2, TlsPeerRole.Server).Accepted,
            },
        };
        using var http = WithTimeout(new HttpClient(handler, disposeHandler: false) { BaseAddress = fixture.Open.BaseAddress });

        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync(new Uri("/health/live", UriKind.Relative)));
    }

    [Fact]
    public async Task Get_CertificateOfAnotherCa_IsRefusedAndLogged()
    {
        using var identity = Files.Identity(TlsFiles.Client, otherCa: true, trust: Files.CaPath);

        await AssertRefusedAsync(fixture.Open, identity, MutualTlsOutcome.UntrustedIssuer);
    }

    [Fact]
    public async Task Get_ExpiredCertificate_IsRefusedAndLogged()
    {
        using var identity = Files.Identity(TlsFiles.Expired);

        await AssertRefusedAsync(fixture.Open, identity, MutualTlsOutcome.NotTimeValid);
    }

    [Fact]
    public async Task Get_ServerAuthOnlyCertificateAsClient_IsRefusedAndLogged()
    {
        using var identity = Files.Identity(TlsFiles.ServerOnly);

        await AssertRefusedAsync(fixture.Open, identity, MutualTlsOutcome.WrongUsage);
    }

    [Fact]
    public async Task Get_ClientTrustingAnotherCa_RefusesTheServer()
    {
        using var identity = Files.Identity(TlsFiles.Client, trust: Files.OtherCaPath);
        using var http = WithTimeout(MutualTlsHttpClient.Create(identity, fixture.Open.BaseAddress));

        var e = await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync(new Uri("/health/live", UriKind.Relative)));

        // The client gave up during its own check of the server, before the server could judge the client.
        Assert.IsType<AuthenticationException>(e.InnerException);
    }

    [Fact]
    public async Task Get_ServerNotOnTheClientsAllowedList_RefusesTheServer()
    {
        using var identity = Files.Identity(TlsFiles.Client);
        using var http = WithTimeout(new HttpClient(MutualTlsHttpClient.CreateHandler(identity, ["ingest-server"])) { BaseAddress = fixture.Open.BaseAddress });

        var e = await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync(new Uri("/health/live", UriKind.Relative)));

        Assert.IsType<AuthenticationException>(e.InnerException);
    }

    [Fact]
    public async Task Get_AllowedClientsList_ServesListedRefusesOthers()
    {
        using var listed = Files.Identity(TlsFiles.Client);
        using var http = WithTimeout(MutualTlsHttpClient.Create(listed, fixture.Restricted.BaseAddress));
        using var response = await http.GetAsync(new Uri("/health/live", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        using var unlisted = Files.Identity(TlsFiles.Unlisted);
        await AssertRefusedAsync(fixture.Restricted, unlisted, MutualTlsOutcome.NameNotAllowed);
    }

    private static async Task AssertRefusedAsync(ServerHost host, ServiceIdentity identity, MutualTlsOutcome outcome)
    {
        using var http = WithTimeout(MutualTlsHttpClient.Create(identity, host.BaseAddress));

        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync(new Uri("/health/live", UriKind.Relative)));

        // The server wrote its verdict before it sent the alert the client failed on.
        var name = identity.Certificate.GetNameInfo(X509NameType.SimpleName, false);
        Assert.Contains(host.Logs.Lines, line => line.Contains($"[{MutualTlsKestrelExtensions.ClientRefusedEventId}]", StringComparison.Ordinal)
            && line.Contains($"({outcome})", StringComparison.Ordinal)
            && line.Contains($"'{name}'", StringComparison.Ordinal));
    }

    private static HttpClient WithTimeout(HttpClient http)
    {
        http.Timeout = Bounded;
        return http;
    }
}
