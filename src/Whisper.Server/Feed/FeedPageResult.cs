using System.Buffers;
using System.Text.Json;

using Microsoft.AspNetCore.Http;

using Whisper.Recommendation.Candidates;
using Whisper.Recommendation.Feed;

namespace Whisper.Server.Feed;

/// <summary>
/// Writes a <see cref="FeedPage"/> as <see cref="FeedResponse"/> JSON with a <see cref="Utf8JsonWriter"/> into a
/// per-thread buffer, then into the response pipe with its Content-Length: no intermediate documents, origin names are
/// pre-encoded, and the writer and buffer are reused per thread (~1.3 KB for a page of 10). Same wire shape as
/// <see cref="FeedJsonContext"/> gives <see cref="FeedResponse"/>.
/// </summary>
internal sealed class FeedPageResult(FeedPage page) : IResult
{
    private static readonly JsonEncodedText Items = JsonEncodedText.Encode("items");
    private static readonly JsonEncodedText VideoId = JsonEncodedText.Encode("videoId");
    private static readonly JsonEncodedText CreatorId = JsonEncodedText.Encode("creatorId");
    private static readonly JsonEncodedText Origin = JsonEncodedText.Encode("origin");
    private static readonly JsonEncodedText Score = JsonEncodedText.Encode("score");
    private static readonly JsonEncodedText Position = JsonEncodedText.Encode("position");
    private static readonly JsonEncodedText NextCursor = JsonEncodedText.Encode("nextCursor");
    private static readonly JsonEncodedText ModelVersion = JsonEncodedText.Encode("modelVersion");
    private static readonly JsonEncodedText RankerVersion = JsonEncodedText.Encode("rankerVersion");
    private static readonly JsonEncodedText ColdStart = JsonEncodedText.Encode("coldStart");
    private static readonly JsonEncodedText[] OriginNames =
        [JsonEncodedText.Encode("unknown"), JsonEncodedText.Encode("ann"), JsonEncodedText.Encode("following"), JsonEncodedText.Encode("trending"), JsonEncodedText.Encode("fresh"), JsonEncodedText.Encode("live")];

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_body;

    public static string OriginName(CandidateOrigin origin) => OriginNames[OriginIndex(origin)].Value;

    /// <summary>
    /// The body is written into a per-thread buffer first, so the response carries a Content-Length: Kestrel then sends
    /// headers and body in one write when the request ends, instead of a chunked body and a separate terminating chunk.
    /// No flush here (Kestrel flushes at the end of the request), so that is one send per response.
    /// </summary>
    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var body = t_body ??= new ArrayBufferWriter<byte>(4096);
        body.ResetWrittenCount();
        Write(body);
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json; charset=utf-8";
        response.ContentLength = body.WrittenCount;
        response.BodyWriter.Write(body.WrittenSpan); // segment by segment when a big page exceeds one pipe block
        return Task.CompletedTask;
    }

    private void Write(IBufferWriter<byte> body)
    {
        var writer = t_writer;
        if (writer is null)
        {
            writer = t_writer = new Utf8JsonWriter(body, new JsonWriterOptions { SkipValidation = true });
        }
        else
        {
            writer.Reset(body);
        }

        try
        {
            writer.WriteStartObject();
            writer.WriteStartArray(Items);
            foreach (var item in page.Items)
            {
                writer.WriteStartObject();
                writer.WriteNumber(VideoId, item.VideoId);
                writer.WriteNumber(CreatorId, item.CreatorId);
                writer.WriteString(Origin, OriginNames[OriginIndex(item.Origin)]);
                writer.WriteNumber(Score, item.Score);
                writer.WriteNumber(Position, item.Position);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteString(NextCursor, page.NextCursor);
            writer.WriteString(ModelVersion, page.ModelVersion);
            writer.WriteString(RankerVersion, page.RankerVersion);
            writer.WriteBoolean(ColdStart, page.ColdStart);
            writer.WriteEndObject();
            writer.Flush();
        }
        finally
        {
            // Never keep a buffer alive through the writer longer than needed.
            writer.Reset(Stream.Null);
        }
    }

    private static int OriginIndex(CandidateOrigin origin) => (int)origin is > 0 and < 6 ? (int)origin : 0;
}
