using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

using Whisper.Core.Domain;
using Whisper.Server.Tests.Infrastructure;

namespace Whisper.Server.Tests.Ingest;

public sealed class IngestEndpointTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly ServerHost _host = fixture.Host;

    [Fact]
    public async Task Ingest_ValidBatch_AppendsEventsReadableFromStoreWithSequences()
    {
        var events = TestEvents.Views(50, seed: 1);
        var head = await _host.Store.Events.GetHeadAsync();

        var result = await _host.Client(_host.IngestKey).IngestAsync(events);

        Assert.Equal(50, result.Appended);
        Assert.Equal(0, result.Duplicates);
        Assert.Equal(head + 1, result.FirstSequence);
        Assert.Equal(head + 50, result.LastSequence);

        var logged = new List<LoggedEvent>();
        Assert.Equal(50, await _host.Store.Events.ReadAsync(head, 100, logged));
        for (var i = 0; i < 50; i++)
        {
            Assert.Equal(head + 1 + i, logged[i].Sequence);
            Assert.Equal(events[i], logged[i].Event);
        }
    }

    [Fact]
    public async Task Ingest_SameBatchRetried_SecondAppendsNothingAndCountsDuplicates()
    {
        var events = TestEvents.Views(20, seed: 2);
        var client = _host.Client(_host.IngestKey);
        var first = await client.IngestAsync(events);
        var head = await _host.Store.Events.GetHeadAsync();

        var retry = await client.IngestAsync(events);

        Assert.Equal(20, first.Appended);
        Assert.Equal(0, retry.Appended);
        Assert.Equal(20, retry.Duplicates);
        Assert.Equal(0, retry.FirstSequence);
        Assert.Equal(0, retry.LastSequence);
        Assert.Equal(head, await _host.Store.Events.GetHeadAsync());
    }

    [Fact]
    public async Task Ingest_RawJsonWithXApiKeyAndEscapes_ReturnsCamelCaseResult()
    {
        // Escaped property name and kind, upper-case kind, null optional fields, a "+hh:mm" offset.
        var body = """
            {"events":[
              {"clientEventId":"6f1c2d3e-0000-4000-8000-000000000001","\u0075serId":7,"videoId":9,"kind":"VI\u0045W","occurredAt":"2026-03-01T10:00:00+02:00","watchTimeMs":500,"productId":null},
              {"clientEventId":"6f1c2d3e-0000-4000-8000-000000000002","userId":7,"videoId":null,"kind":"purchase","occurredAt":"2026-03-01T10:00:01Z","productId":3}
            ]}
            """;
        using var request = ServerHost.Request(HttpMethod.Post, "/v1/events", key: null, new StringContent(body, Encoding.UTF8, "application/json"));
        request.Headers.Add("X-Api-Key", _host.IngestKey);
        var head = await _host.Store.Events.GetHeadAsync();

        using var response = await _host.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2, json.GetProperty("appended").GetInt32());
        Assert.Equal(0, json.GetProperty("duplicates").GetInt32());
        Assert.Equal(head + 1, json.GetProperty("firstSequence").GetInt64());
        Assert.Equal(head + 2, json.GetProperty("lastSequence").GetInt64());

        var logged = new List<LoggedEvent>();
        await _host.Store.Events.ReadAsync(head, 10, logged);
        Assert.Equal(EventKind.View, logged[0].Event.Kind);
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero), logged[0].Event.OccurredAt);
        Assert.Equal(EventKind.Purchase, logged[1].Event.Kind);
        Assert.Equal(3, logged[1].Event.ProductId);
    }

    [Fact]
    public async Task Ingest_EmptyBatch_ReturnsZeros()
    {
        using var response = await _host.SendAsync(HttpMethod.Post, "/v1/events", _host.IngestKey, new StringContent("""{"events":[]}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(0, json.GetProperty("appended").GetInt32());
    }

    [Fact]
    public async Task ReadEvents_OperatorKey_PagesTheLogBySequence()
    {
        var client = _host.Client(_host.IngestKey);
        var head = await _host.Store.Events.GetHeadAsync();
        await client.IngestAsync(TestEvents.Views(5, seed: 3));

        var page = await _host.Client(_host.OperatorKey).ReadEventsAsync(head, 3);

        Assert.Equal(3, page.Items.Count);
        Assert.Equal(head + 1, page.Items[0].Sequence);
        Assert.Equal("view", page.Items[0].Kind);
        Assert.Equal(head + 3, page.Next);
        var rest = await _host.Client(_host.OperatorKey).ReadEventsAsync(page.Next!.Value, 3);
        Assert.Equal(2, rest.Items.Count);
        Assert.Null(rest.Next);
    }

    [Fact]
    public async Task ReadEvents_ViewerKey_Forbidden()
    {
        using var response = await _host.SendAsync(HttpMethod.Get, "/v1/events?after=0&limit=1", _host.ViewerKey);

        Assert.Equal("forbidden", (await Problem.AssertAsync(response, HttpStatusCode.Forbidden)).Code());
    }
}
