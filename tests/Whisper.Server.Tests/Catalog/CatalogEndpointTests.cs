using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

using Whisper.Core.Domain;
using Whisper.Server.Tests.Infrastructure;

namespace Whisper.Server.Tests.Catalog;

public sealed class CatalogEndpointTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 2, 1, 0, 0, 0, TimeSpan.Zero);
    private ServerHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await ServerHost.StartAsync(s => s with { DefaultPageSize = 2, MaxPageSize = 50 });
        var catalog = _host.Store.Catalog;
        await catalog.UpsertUsersAsync([new User(1, "ada", "US", "198.51.100.7", "US", "US", T0)]);
        await catalog.UpsertCreatorsAsync([new Creator(10, 1, "Ada Cooks", "US", T0), new Creator(11, 1, "Ada Bakes", "US", T0)]);
        await catalog.UpsertVideosAsync([
            new Video(100, 10, 15_000, T0, ["cooking"], "en", "us"),
            new Video(101, 10, 20_000, T0, ["cooking", "pasta"], "en", "us"),
            new Video(102, 10, 9_000, T0, [], "en", "us"),
            new Video(103, 11, 30_000, T0, ["bread"], "en", "us"),
        ]);
        await catalog.UpsertProductsAsync([new Product(500, 10, "Pasta maker", 4_999, "USD")]);
        await catalog.UpsertLiveSessionsAsync([new LiveSession(900, 10, T0, null, 42)]);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task GetUser_ViewerKey_403_OperatorKey_200()
    {
        using var denied = await _host.SendAsync(HttpMethod.Get, "/v1/users/1", _host.ViewerKey);
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);

        using var allowed = await _host.SendAsync(HttpMethod.Get, "/v1/users/1", _host.OperatorKey);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        var json = await allowed.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("ada", json.GetProperty("handle").GetString());
    }

    [Theory]
    [InlineData("/v1/creators/10", "displayName", "Ada Cooks")]
    [InlineData("/v1/videos/101", "language", "en")]
    [InlineData("/v1/products/500", "title", "Pasta maker")]
    public async Task Get_StoredEntity_200WithCamelCaseBody(string path, string property, string expected)
    {
        using var response = await _host.SendAsync(HttpMethod.Get, path, _host.ViewerKey);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(expected, json.GetProperty(property).GetString());
    }

    [Theory]
    [InlineData("/v1/creators/99")]
    [InlineData("/v1/creators/99/videos")]
    [InlineData("/v1/videos/999")]
    [InlineData("/v1/products/1")]
    public async Task Get_UnknownId_404Problem(string path)
    {
        using var response = await _host.SendAsync(HttpMethod.Get, path, _host.ViewerKey);

        Assert.Equal("not_found", (await Problem.AssertAsync(response, HttpStatusCode.NotFound)).Code());
    }

    [Theory]
    [InlineData("/v1/videos?limit=0")]
    [InlineData("/v1/videos?limit=51")]
    [InlineData("/v1/videos?limit=abc")]
    [InlineData("/v1/videos?after=-1")]
    [InlineData("/v1/live-sessions?limit=-3")]
    [InlineData("/v1/creators/10/videos?after=x")]
    [InlineData("/v1/events?limit=0")]
    public async Task List_BadPaging_400Problem(string path)
    {
        using var response = await _host.SendAsync(HttpMethod.Get, path, _host.OperatorKey);

        Assert.Equal("invalid_paging", (await Problem.AssertAsync(response, HttpStatusCode.BadRequest)).Code());
    }

    [Fact]
    public async Task GetUser_UnknownId_404Problem()
    {
        using var response = await _host.SendAsync(HttpMethod.Get, "/v1/users/2", _host.OperatorKey);

        Assert.Equal("not_found", (await Problem.AssertAsync(response, HttpStatusCode.NotFound)).Code());
    }

    [Fact]
    public async Task ListVideos_DefaultPageSize_PagesWithNext()
    {
        using var first = await _host.SendAsync(HttpMethod.Get, "/v1/videos", _host.ViewerKey);
        var page = await first.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2, page.GetProperty("items").GetArrayLength());
        Assert.Equal(101, page.GetProperty("next").GetInt64());

        using var second = await _host.SendAsync(HttpMethod.Get, "/v1/videos?after=101&limit=5", _host.ViewerKey);
        var rest = await second.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2, rest.GetProperty("items").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, rest.GetProperty("next").ValueKind);
    }

    [Fact]
    public async Task ListCreatorVideos_OnlyThatCreatorsVideos()
    {
        using var response = await _host.SendAsync(HttpMethod.Get, "/v1/creators/11/videos?limit=10", _host.ViewerKey);

        var page = await response.Content.ReadFromJsonAsync<JsonElement>();
        var item = Assert.Single(page.GetProperty("items").EnumerateArray());
        Assert.Equal(103, item.GetProperty("id").GetInt64());
    }

    [Fact]
    public async Task ListLiveSessions_OperatorKeyMayRead()
    {
        using var response = await _host.SendAsync(HttpMethod.Get, "/v1/live-sessions", _host.OperatorKey);

        var page = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(900, Assert.Single(page.GetProperty("items").EnumerateArray()).GetProperty("id").GetInt64());
    }

    [Fact]
    public async Task Get_NoKey_401()
    {
        using var response = await _host.SendAsync(HttpMethod.Get, "/v1/videos/100", key: null);

        await Problem.AssertAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Get_IngestOnlyKey_403()
    {
        using var response = await _host.SendAsync(HttpMethod.Get, "/v1/videos/100", _host.IngestKey);

        await Problem.AssertAsync(response, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Client_GetVideo_ReturnsVideoOrNull()
    {
        var client = _host.Client(_host.ViewerKey);

        var video = await client.GetVideoAsync(101);

        Assert.NotNull(video);
        Assert.Equal(["cooking", "pasta"], video.Hashtags);
        Assert.Null(await client.GetVideoAsync(12345));
    }

    [Fact]
    public async Task UnknownRoute_Authenticated_404Problem()
    {
        using var response = await _host.SendAsync(HttpMethod.Get, "/v1/nothing-here", _host.ViewerKey);

        await Problem.AssertAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task UnknownRoute_Anonymous_401Problem()
    {
        using var response = await _host.SendAsync(HttpMethod.Get, "/v1/nothing-here", key: null);

        await Problem.AssertAsync(response, HttpStatusCode.Unauthorized);
    }
}
