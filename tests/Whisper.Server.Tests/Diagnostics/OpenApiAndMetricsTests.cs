using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

using Whisper.Server.Tests.Infrastructure;

namespace Whisper.Server.Tests.Diagnostics;

public sealed class OpenApiAndMetricsTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly ServerHost _host = fixture.Host;

    [Fact]
    public async Task OpenApi_ViewerKey_ListsIngestRouteWithBodySchema_Anonymous401()
    {
        using var anonymous = await _host.SendAsync(HttpMethod.Get, "/openapi/v1.json", key: null);
        using var response = await _host.SendAsync(HttpMethod.Get, "/openapi/v1.json", _host.ViewerKey);

        await Problem.AssertAsync(anonymous, HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = await response.Content.ReadFromJsonAsync<JsonElement>();
        var post = document.GetProperty("paths").GetProperty("/v1/events").GetProperty("post");
        Assert.True(post.GetProperty("requestBody").GetProperty("content").TryGetProperty("application/json", out _));
        Assert.True(post.GetProperty("responses").TryGetProperty("413", out _));
        Assert.True(document.GetProperty("paths").TryGetProperty("/v1/videos/{id}", out _));
    }

    [Fact]
    public async Task Metrics_NoKey_401()
    {
        using var response = await _host.SendAsync(HttpMethod.Get, "/metrics", key: null);

        await Problem.AssertAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Metrics_IngestOnlyKey_403()
    {
        using var response = await _host.SendAsync(HttpMethod.Get, "/metrics", _host.IngestKey);

        await Problem.AssertAsync(response, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Metrics_AfterIngest_ExposesIngestCounters()
    {
        await _host.Client(_host.IngestKey).IngestAsync(TestEvents.Views(7, seed: 40));

        using var response = await _host.SendAsync(HttpMethod.Get, "/metrics", _host.ViewerKey);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        // Other test classes run servers in this process too and the meter name is shared, so at least 7.
        Assert.True(CounterValue(text, "whisper_ingest_events_total") >= 7, text);
        Assert.Contains("whisper_ingest_duration_seconds_bucket", text, StringComparison.Ordinal);
    }

    private static double CounterValue(string exposition, string name)
    {
        foreach (var line in exposition.Split('\n'))
        {
            if (line.StartsWith(name, StringComparison.Ordinal) && line.Length > name.Length && line[name.Length] is ' ' or '{')
            {
                var rest = line[name.Length] == '{' ? line[(line.IndexOf('}', StringComparison.Ordinal) + 1)..] : line[name.Length..];
                var value = rest.Trim().Split(' ')[0];
                return double.Parse(value, CultureInfo.InvariantCulture);
            }
        }

        return -1;
    }
}
