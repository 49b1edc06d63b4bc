using System.Net;
using System.Net.Http.Headers;

using Whisper.Server.Tests.Infrastructure;

namespace Whisper.Server.Tests.Auth;

public sealed class AuthenticationTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly ServerHost _host = fixture.Host;

    [Fact]
    public async Task XApiKeyHeader_ValidViewerKey_200()
    {
        using var request = ServerHost.Request(HttpMethod.Get, "/v1/videos", key: null);
        request.Headers.Add("X-Api-Key", _host.ViewerKey);

        using var response = await _host.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task BasicScheme_NotAccepted_401()
    {
        using var request = ServerHost.Request(HttpMethod.Get, "/v1/videos", key: null);
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", _host.ViewerKey);

        using var response = await _host.Http.SendAsync(request);

        Assert.Equal("unauthenticated", (await Problem.AssertAsync(response, HttpStatusCode.Unauthorized)).Code());
    }

    [Fact]
    public async Task Logs_AfterAuthenticatedAndRejectedRequests_NeverHoldAKey()
    {
        const string WrongKey = "whk_wrong-key-that-must-not-be-logged-0000000000";
        await _host.Client(_host.IngestKey).IngestAsync(TestEvents.Views(3, seed: 77));
        using (await _host.SendAsync(HttpMethod.Get, "/v1/videos", _host.ViewerKey))
        using (await _host.SendAsync(HttpMethod.Get, "/v1/events", _host.OperatorKey))
        using (await _host.SendAsync(HttpMethod.Get, "/v1/videos", WrongKey))
        {
        }

        var lines = _host.Logs.Lines.ToArray();
        Assert.Contains(lines, static l => l.Contains("Whisper server listening on http://127.0.0.1:", StringComparison.Ordinal));
        Assert.Contains(lines, static l => l.Contains("Rejected a request presenting an unknown API key", StringComparison.Ordinal));
        Assert.Contains(lines, static l => l.Contains("/v1/videos", StringComparison.Ordinal) && l.Contains("200", StringComparison.Ordinal));
        foreach (var key in _host.AllKeys.Append(WrongKey))
        {
            Assert.DoesNotContain(lines, l => l.Contains(key, StringComparison.Ordinal) || l.Contains(key[4..20], StringComparison.Ordinal));
        }
    }
}
