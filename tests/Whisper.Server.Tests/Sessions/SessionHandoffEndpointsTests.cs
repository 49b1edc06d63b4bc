using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

using Microsoft.Extensions.Options;

using Whisper.Server.Sessions;
using Whisper.Server.Tests.Infrastructure;

namespace Whisper.Server.Tests.Sessions;

/// <summary>The real server with the session handoff on: sessions built from HTTP ingest, exported and imported at /internal/v1/sessions.</summary>
public sealed class SessionHandoffEndpointsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("whisper-handoff-").FullName;
    private readonly string _token = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));

    private string TokenFile(string content)
    {
        var path = Path.Combine(_dir, $"token-{Guid.NewGuid():N}");
        File.WriteAllText(path, content + "\n");
        return path;
    }

    private Task<ServerHost> StartAsync(string region) => ServerHost.StartAsync(s => s with
    {
        SessionHandoff = new SessionHandoffSettings { Region = region, TokenPath = TokenFile(_token) },
    });

    private static string Event(long user, long video, DateTimeOffset at) => string.Create(CultureInfo.InvariantCulture,
        $$"""{"clientEventId":"{{Guid.NewGuid()}}","userId":{{user}},"videoId":{{video}},"kind":"view","occurredAt":"{{at:yyyy-MM-ddTHH:mm:ss.fffZ}}","watchTimeMs":4000}""");

    private static async Task IngestAsync(ServerHost host, params string[] events)
    {
        using var content = new StringContent($$"""{"events":[{{string.Join(",", events)}}]}""", Encoding.UTF8, "application/json");
        using var response = await host.SendAsync(HttpMethod.Post, "/v1/events", host.IngestKey, content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static Task<HttpResponseMessage> SendAsync(ServerHost host, HttpMethod method, string path, string? token, string? json = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        if (token is not null)
        {
            request.Headers.Add(SessionHandoffEndpoints.TokenHeader, token);
        }

        return host.Http.SendAsync(request);
    }

    [Fact]
    public async Task Export_IngestedEvents_BuildTheUsersSession_AndImportIntoAnotherServerKeepsIt()
    {
        await using var source = await StartAsync("us");
        await using var fork = await StartAsync("us");
        var now = DateTimeOffset.UtcNow;
        await IngestAsync(source, Event(42, 11, now.AddMinutes(-3)), Event(42, 12, now.AddMinutes(-2)), Event(43, 99, now.AddMinutes(-2)));
        await IngestAsync(source, Event(42, 13, now.AddMinutes(-1)));

        using var exported = await SendAsync(source, HttpMethod.Get, "/internal/v1/sessions/42", _token);
        Assert.Equal(HttpStatusCode.OK, exported.StatusCode);
        var document = await exported.Content.ReadAsStringAsync();
        using (var json = JsonDocument.Parse(document))
        {
            Assert.Equal("whisper-session-state", json.RootElement.GetProperty("format").GetString());
        }

        using var imported = await SendAsync(fork, HttpMethod.Post, "/internal/v1/sessions", _token, document);
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        using var result = JsonDocument.Parse(await imported.Content.ReadAsStringAsync());
        Assert.Equal(1, result.RootElement.GetProperty("imported").GetInt32());

        var sessions = (FeatureStore.Sessions.SessionStateStore)fork.App.Services.GetService(typeof(FeatureStore.Sessions.SessionStateStore))!;
        Assert.True(sessions.TryGet(42, out var session));
        Assert.Equal([11L, 12L, 13L], session!.ItemsSeen);
        Assert.Equal(12_000, session.WatchTimeMs);
        Assert.Equal(now.AddMinutes(-3).ToUnixTimeMilliseconds(), session.StartedAtMs);
        Assert.Equal(now.AddMinutes(-1).ToUnixTimeMilliseconds(), session.LastActivityMs);
        Assert.False(sessions.TryGet(43, out _)); // only the user asked for moved
    }

    [Fact]
    public async Task Endpoints_WithoutToken401_WrongToken403_AsProblems()
    {
        await using var host = await StartAsync("us");

        using var missing = await SendAsync(host, HttpMethod.Get, "/internal/v1/sessions/42", token: null);
        using var wrong = await SendAsync(host, HttpMethod.Get, "/internal/v1/sessions/42", _token + "x");
        using var wrongImport = await SendAsync(host, HttpMethod.Post, "/internal/v1/sessions", "not-the-token-at-all", "{}");
        using var apiKeyOnly = await host.SendAsync(HttpMethod.Get, "/internal/v1/sessions/42", host.OperatorKey);

        Assert.Equal("unauthenticated", (await Problem.AssertAsync(missing, HttpStatusCode.Unauthorized)).Code());
        Assert.Equal("forbidden", (await Problem.AssertAsync(wrong, HttpStatusCode.Forbidden)).Code());
        await Problem.AssertAsync(wrongImport, HttpStatusCode.Forbidden);
        await Problem.AssertAsync(apiKeyOnly, HttpStatusCode.Unauthorized); // a role is no substitute for the token
    }

    [Fact]
    public async Task Import_MalformedDocument_Is400Problem()
    {
        await using var host = await StartAsync("us");

        using var response = await SendAsync(host, HttpMethod.Post, "/internal/v1/sessions", _token, """{"format":"something-else"}""");

        Assert.Equal("invalid_session_state", (await Problem.AssertAsync(response, HttpStatusCode.BadRequest)).Code());
    }

    [Fact]
    public async Task Server_WithoutSessionHandoff_MapsNoInternalEndpoints()
    {
        await using var host = await ServerHost.StartAsync();

        using var response = await SendAsync(host, HttpMethod.Get, "/internal/v1/sessions/42", _token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode); // the fallback policy: nothing is mapped there
        Assert.Null(host.App.Services.GetService(typeof(FeatureStore.Sessions.SessionStateStore)));
    }

    [Theory]
    [InlineData("US", "short")]
    [InlineData("", null)]
    public void Settings_BadRegionOrShortOrMissingToken_AreReportedTogether(string region, string? token)
    {
        var settings = new WhisperServerSettings
        {
            ApiKeysPath = TokenFile("unused"),
            SessionHandoff = new SessionHandoffSettings { Region = region, TokenPath = token is null ? Path.Combine(_dir, "absent") : TokenFile(token) },
        };

        var result = new WhisperServerSettingsValidator().Validate(Options.DefaultName, settings);

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.StartsWith("SessionHandoff.Region", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.StartsWith("SessionHandoff.TokenPath", StringComparison.Ordinal));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
