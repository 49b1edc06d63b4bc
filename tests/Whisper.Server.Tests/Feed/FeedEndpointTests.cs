using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

using Whisper.Server.Tests.Infrastructure;

namespace Whisper.Server.Tests.Feed;

public sealed class FeedEndpointTests : IAsyncLifetime
{
    private static readonly string[] Origins = ["ann", "trending", "fresh"];
    private FeedServerHost _host = null!;

    public async Task InitializeAsync() => _host = await FeedServerHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task GetFeed_KnownUser_200WithItemsCursorAndModelVersion()
    {
        using var response = await _host.GetAsync("/v1/feed?user=1&count=8", _host.ViewerKey);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var items = body.GetProperty("items");
        Assert.Equal(8, items.GetArrayLength());
        var first = items[0];
        Assert.True(first.GetProperty("videoId").GetInt64() > 0);
        Assert.True(first.GetProperty("creatorId").GetInt64() > 0);
        Assert.Contains(first.GetProperty("origin").GetString(), Origins);
        Assert.Equal(0, first.GetProperty("position").GetInt32());
        Assert.Equal(JsonValueKind.Number, first.GetProperty("score").ValueKind);
        Assert.False(string.IsNullOrEmpty(body.GetProperty("nextCursor").GetString()));
        Assert.Equal("stub-7", body.GetProperty("modelVersion").GetString());
        Assert.Equal("model-score", body.GetProperty("rankerVersion").GetString());
    }

    [Theory]
    [InlineData(10)]
    [InlineData(50)]
    public async Task GetFeed_Page_HasContentLengthNotChunked(int count)
    {
        using var response = await _host.GetAsync($"/v1/feed?user=1&count={count}", _host.ViewerKey);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(bytes.Length, response.Content.Headers.ContentLength);
        Assert.NotEqual(true, response.Headers.TransferEncodingChunked);
        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        var body = JsonDocument.Parse(bytes).RootElement;
        Assert.InRange(body.GetProperty("items").GetArrayLength(), 1, count);
    }

    [Fact]
    public async Task GetFeed_SecondPageViaCursor_NoRepeatsAndImpressionsLogged()
    {
        using var first = await _host.GetAsync("/v1/feed?user=2&count=10", _host.ViewerKey);
        var page1 = await first.Content.ReadFromJsonAsync<JsonElement>();
        var cursor = page1.GetProperty("nextCursor").GetString()!;

        using var second = await _host.GetAsync($"/v1/feed?user=2&count=10&cursor={Uri.EscapeDataString(cursor)}", _host.ViewerKey);

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var page2 = await second.Content.ReadFromJsonAsync<JsonElement>();
        var ids1 = page1.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("videoId").GetInt64()).ToList();
        var ids2 = page2.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("videoId").GetInt64()).ToList();
        Assert.Equal(10, ids2.Count);
        Assert.Empty(ids1.Intersect(ids2));
        Assert.Equal(20, await _host.Store.Events.GetHeadAsync());
    }

    [Fact]
    public async Task GetFeed_ColdUser_200ColdStart()
    {
        using var response = await _host.GetAsync("/v1/feed?user=3", _host.ViewerKey);

        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(body.GetProperty("coldStart").GetBoolean());
        Assert.Equal(10, body.GetProperty("items").GetArrayLength()); // DefaultCount
    }

    [Fact]
    public async Task GetFeed_UnknownUser_404Problem()
    {
        using var response = await _host.GetAsync("/v1/feed?user=999", _host.ViewerKey);

        Assert.Equal("not_found", (await Problem.AssertAsync(response, HttpStatusCode.NotFound)).Code());
    }

    [Theory]
    [InlineData("/v1/feed?user=1&count=0", "invalid_paging")]
    [InlineData("/v1/feed?user=1&count=1000", "invalid_paging")]
    [InlineData("/v1/feed?user=1&count=abc", "invalid_paging")]
    [InlineData("/v1/feed?user=1&cursor=garbage", "invalid_paging")]
    [InlineData("/v1/feed", "invalid_field")]
    [InlineData("/v1/feed?user=-4", "invalid_field")]
    public async Task GetFeed_BadInput_400Problem(string path, string code)
    {
        using var response = await _host.GetAsync(path, _host.ViewerKey);

        Assert.Equal(code, (await Problem.AssertAsync(response, HttpStatusCode.BadRequest)).Code());
        Assert.Equal(0, await _host.Store.Events.GetHeadAsync());
    }

    [Fact]
    public async Task GetFeed_CursorOfAnotherUser_400Problem()
    {
        using var first = await _host.GetAsync("/v1/feed?user=1&count=3", _host.ViewerKey);
        var cursor = (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("nextCursor").GetString()!;

        using var response = await _host.GetAsync($"/v1/feed?user=2&count=3&cursor={cursor}", _host.ViewerKey);

        var problem = await Problem.AssertAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("invalid_paging", problem.Code());
        Assert.Equal("cursor", problem.GetProperty("field").GetString());
    }

    [Fact]
    public async Task GetFeed_NoKey_401Problem()
    {
        using var response = await _host.GetAsync("/v1/feed?user=1", key: null);

        Assert.Equal("unauthenticated", (await Problem.AssertAsync(response, HttpStatusCode.Unauthorized)).Code());
    }

    [Fact]
    public async Task GetFeed_IngestOnlyKey_403Problem()
    {
        using var response = await _host.GetAsync("/v1/feed?user=1", _host.IngestKey);

        Assert.Equal("forbidden", (await Problem.AssertAsync(response, HttpStatusCode.Forbidden)).Code());
    }

    [Fact]
    public async Task Ingest_AppendedBatch_CallsTheHookOnceAndADuplicateDoesNot()
    {
        var body = TestEvents.Batch(TestEvents.Json(5));

        using (var first = await _host.SendIngestAsync(body))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        using (var retry = await _host.SendIngestAsync(body))
        {
            Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        }

        Assert.Equal(1, _host.IngestNudges); // the retry appended nothing, so nothing to train on
    }
}
