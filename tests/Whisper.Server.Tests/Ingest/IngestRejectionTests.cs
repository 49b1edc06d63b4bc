using System.Net;
using System.Text;

using Whisper.Server.Tests.Infrastructure;

namespace Whisper.Server.Tests.Ingest;

/// <summary>Every refused batch answers problem+json with the right status and stores nothing.</summary>
public sealed class IngestRejectionTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly ServerHost _host = fixture.Host;

    [Fact]
    public async Task Ingest_MalformedJson_400AndNothingStored()
    {
        var problem = await RejectAsync(Json("""{"events":[{"clientEventId":"""), _host.IngestKey, HttpStatusCode.BadRequest);

        Assert.Equal("malformed_json", problem.Code());
    }

    [Fact]
    public async Task Ingest_TrailingGarbage_400AndNothingStored()
    {
        var problem = await RejectAsync(Json(TestEvents.Batch(TestEvents.Json(0)) + " x"), _host.IngestKey, HttpStatusCode.BadRequest);

        Assert.Equal("malformed_json", problem.Code());
    }

    [Fact]
    public async Task Ingest_UnknownEventKind_400NamesKindIndexAndAllowedList()
    {
        var body = TestEvents.Batch(TestEvents.Json(0), TestEvents.Json(1), TestEvents.Json(2, kind: "superlike"), TestEvents.Json(3));

        var problem = await RejectAsync(Json(body), _host.IngestKey, HttpStatusCode.BadRequest);

        Assert.Equal("unknown_event_kind", problem.Code());
        Assert.Equal(2, problem.GetProperty("eventIndex").GetInt32());
        Assert.Equal("kind", problem.GetProperty("field").GetString());
        Assert.Contains("'superlike'", problem.Detail(), StringComparison.Ordinal);
        Assert.Contains("impression, view, like, share, comment, follow, skip, purchase", problem.Detail(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ingest_NegativeUserIdAtIndex3_422NamesIndexAndField()
    {
        var body = TestEvents.Batch(TestEvents.Json(0), TestEvents.Json(1), TestEvents.Json(2), TestEvents.Json(3, userId: -5), TestEvents.Json(4));

        var problem = await RejectAsync(Json(body), _host.IngestKey, HttpStatusCode.UnprocessableEntity);

        Assert.Equal("invalid_event", problem.Code());
        Assert.Equal(3, problem.GetProperty("eventIndex").GetInt32());
        Assert.StartsWith("events[3]: userId", problem.Detail(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(",\"userId\":\"abc\"", "userId")]
    [InlineData(",\"watchTimeMs\":1.5", "watchTimeMs")]
    [InlineData(",\"userid\":1", "userid")]
    [InlineData(",\"clientEventId\":\"not-a-guid\"", "clientEventId")]
    public async Task Ingest_BadFieldValue_400NamesField(string extra, string field)
    {
        var body = TestEvents.Batch(TestEvents.Json(0), TestEvents.Json(1, extra: extra));

        var problem = await RejectAsync(Json(body), _host.IngestKey, HttpStatusCode.BadRequest);

        Assert.Equal("invalid_field", problem.Code());
        Assert.Equal(1, problem.GetProperty("eventIndex").GetInt32());
        Assert.Equal(field, problem.GetProperty("field").GetString());
    }

    [Fact]
    public async Task Ingest_EventDatedAheadOfTheServerClock_422NamesIndexAndField_ASlightlyFastClockIsAccepted()
    {
        var ahead = DateTimeOffset.UtcNow.AddDays(300).ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        var body = TestEvents.Batch(TestEvents.Json(0), Dated(TestEvents.Json(1), ahead));

        var problem = await RejectAsync(Json(body), _host.IngestKey, HttpStatusCode.UnprocessableEntity);

        Assert.Equal("invalid_event", problem.Code());
        Assert.Equal(1, problem.GetProperty("eventIndex").GetInt32());
        Assert.Equal("occurredAt", problem.GetProperty("field").GetString());
        Assert.Contains("after the server's clock", problem.Detail(), StringComparison.Ordinal);

        var skewed = DateTimeOffset.UtcNow.AddMinutes(1).ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        using var accepted = await _host.Http.SendAsync(ServerHost.Request(HttpMethod.Post, "/v1/events", _host.IngestKey,
            Json(TestEvents.Batch(Dated(TestEvents.Json(2), skewed)))));
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
    }

    private static string Dated(string eventJson, string occurredAt) =>
        eventJson.Replace("2026-01-01T00:00:00Z", occurredAt, StringComparison.Ordinal);

    [Fact]
    public async Task Ingest_TimeWithoutOffset_400()
    {
        var body = """{"events":[{"clientEventId":"6f1c2d3e-0000-4000-8000-0000000000aa","userId":1,"videoId":1,"kind":"like","occurredAt":"2026-01-01T00:00:00"}]}""";

        var problem = await RejectAsync(Json(body), _host.IngestKey, HttpStatusCode.BadRequest);

        Assert.Equal("occurredAt", problem.GetProperty("field").GetString());
    }

    [Fact]
    public async Task Ingest_MissingClientEventId_400()
    {
        var body = """{"events":[{"userId":1,"videoId":1,"kind":"like","occurredAt":"2026-01-01T00:00:00Z"}]}""";

        var problem = await RejectAsync(Json(body), _host.IngestKey, HttpStatusCode.BadRequest);

        Assert.Equal("clientEventId", problem.GetProperty("field").GetString());
        Assert.Contains("required", problem.Detail(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ingest_BodyOverLimitWithContentLength_413()
    {
        var problem = await RejectAsync(Json(PaddedBatch(ServerFixture.BodyLimit + 1)), _host.IngestKey, HttpStatusCode.RequestEntityTooLarge);

        Assert.Equal("body_too_large", problem.Code());
    }

    [Fact]
    public async Task Ingest_ChunkedBodyOverLimit_413()
    {
        var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(PaddedBatch(ServerFixture.BodyLimit * 2))));
        content.Headers.ContentType = new("application/json");
        content.Headers.ContentLength = null;

        var problem = await RejectAsync(content, _host.IngestKey, HttpStatusCode.RequestEntityTooLarge, chunked: true);

        Assert.Equal("body_too_large", problem.Code());
    }

    [Fact]
    public async Task Ingest_MoreEventsThanBatchLimit_413()
    {
        var events = new string[ServerFixture.BatchLimit + 1];
        for (var i = 0; i < events.Length; i++)
        {
            events[i] = TestEvents.Json(1000 + i);
        }

        var problem = await RejectAsync(Json(TestEvents.Batch(events)), _host.IngestKey, HttpStatusCode.RequestEntityTooLarge);

        Assert.Equal("too_many_events", problem.Code());
    }

    [Fact]
    public async Task Ingest_TextPlain_415()
    {
        var problem = await RejectAsync(new StringContent(TestEvents.Batch(TestEvents.Json(0)), Encoding.UTF8, "text/plain"), _host.IngestKey, HttpStatusCode.UnsupportedMediaType);

        Assert.Equal("unsupported_media_type", problem.Code());
    }

    [Fact]
    public async Task Ingest_NoKey_401WithChallenge()
    {
        var problem = await RejectAsync(Json(TestEvents.Batch(TestEvents.Json(0))), key: null, HttpStatusCode.Unauthorized);

        Assert.Equal("unauthenticated", problem.Code());
    }

    [Fact]
    public async Task Ingest_WrongKey_401()
    {
        var problem = await RejectAsync(Json(TestEvents.Batch(TestEvents.Json(0))), "whk_not-a-real-key-000000000000000000000000000", HttpStatusCode.Unauthorized);

        Assert.Equal("invalid_api_key", problem.Code());
    }

    [Fact]
    public async Task Ingest_ReadRoleKey_403()
    {
        var problem = await RejectAsync(Json(TestEvents.Batch(TestEvents.Json(0))), _host.ViewerKey, HttpStatusCode.Forbidden);

        Assert.Equal("forbidden", problem.Code());
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    /// <summary>A valid one-event batch padded with whitespace to <paramref name="size"/> bytes: only its size is wrong.</summary>
    private static string PaddedBatch(long size)
    {
        var batch = TestEvents.Batch(TestEvents.Json(7));
        return batch[..^1] + new string(' ', (int)size - batch.Length) + "}";
    }

    private async Task<System.Text.Json.JsonElement> RejectAsync(HttpContent content, string? key, HttpStatusCode status, bool chunked = false)
    {
        var head = await _host.Store.Events.GetHeadAsync();
        using var request = ServerHost.Request(HttpMethod.Post, "/v1/events", key, content);
        request.Headers.TransferEncodingChunked = chunked ? true : null;

        // A rejection may answer before reading the body and close the connection; a fresh connection per rejection keeps
        // a later request from being sent on one the server has just closed (the "response ended prematurely" race).
        request.Headers.ConnectionClose = true;

        using var response = await _host.Http.SendAsync(request);

        var problem = await Problem.AssertAsync(response, status);
        Assert.Equal(head, await _host.Store.Events.GetHeadAsync());
        if (status == HttpStatusCode.Unauthorized)
        {
            Assert.StartsWith("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        }

        return problem;
    }
}
