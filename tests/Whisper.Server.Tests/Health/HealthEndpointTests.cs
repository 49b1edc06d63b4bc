using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

using Whisper.Server.Tests.Infrastructure;

namespace Whisper.Server.Tests.Health;

public sealed class HealthEndpointTests
{
    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Health_Anonymous_200Healthy(string path)
    {
        await using var host = await ServerHost.StartAsync();

        using var response = await host.SendAsync(HttpMethod.Get, path, key: null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Healthy", json.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Ready_StorePingFails_503ProblemWhileLiveStays200()
    {
        await using var host = await ServerHost.StartAsync(wrapStore: static store => new FailingPingStore(store));

        using var ready = await host.SendAsync(HttpMethod.Get, "/health/ready", key: null);
        using var live = await host.SendAsync(HttpMethod.Get, "/health/live", key: null);

        var problem = await Problem.AssertAsync(ready, HttpStatusCode.ServiceUnavailable);
        Assert.Equal("not_ready", problem.Code());
        Assert.Contains("store", problem.Detail(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }
}
