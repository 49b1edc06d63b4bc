using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

using Whisper.Core.Domain;
using Whisper.Server.Ingest;

namespace Whisper.Server.Client;

/// <summary>A POST /v1/events body, serialised once up front into a pooled buffer so it goes out with a Content-Length.</summary>
internal sealed class EventBatchContent : HttpContent
{
    private readonly PooledBufferWriter _buffer;

    public EventBatchContent(IReadOnlyList<EngagementEvent> events)
    {
        _buffer = new PooledBufferWriter(events.Count * 128 + 32);
        using (var writer = new Utf8JsonWriter(_buffer, new JsonWriterOptions { SkipValidation = true }))
        {
            EventBatchWriter.Write(writer, events);
        }

        Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        stream.WriteAsync(_buffer.WrittenMemory).AsTask();

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
        stream.WriteAsync(_buffer.WrittenMemory, cancellationToken).AsTask();

    protected override bool TryComputeLength(out long length)
    {
        length = _buffer.WrittenMemory.Length;
        return true;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _buffer.Dispose();
        }

        base.Dispose(disposing);
    }
}
