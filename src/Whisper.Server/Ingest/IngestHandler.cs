using System.Buffers;

using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

using Whisper.Core.Domain;
using Whisper.Core.Validation;
using Whisper.Server.Errors;
using Whisper.Storage;

namespace Whisper.Server.Ingest;

/// <summary>
/// POST /v1/events: content type → size → parse → validate the whole batch → append. Every refusal happens
/// before the store is touched, so a rejected batch stores nothing. Buffers come from the shared pools:
/// per request the only allocations are the response and the framework's own.
/// </summary>
internal sealed partial class IngestHandler(
    IWhisperStore store,
    IOptions<WhisperServerSettings> settings,
    IngestMetrics metrics,
    TimeProvider time,
    IngestNotifier notifier,
    ILogger<IngestHandler> logger)
{
    private readonly long _maxBodyBytes = settings.Value.MaxIngestBodyBytes;
    private readonly int _maxEvents = settings.Value.MaxEventsPerBatch;

    /// <summary>How far past the server's clock an event's time may be (clients' clocks drift).</summary>
    internal static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(5);

    public async Task<IResult> HandleAsync(HttpContext context)
    {
        var started = time.GetTimestamp();
        var request = context.Request;
        if (!IsJson(request.ContentType))
        {
            return Reject(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type",
                "Send the batch as Content-Type: application/json (UTF-8).", ProblemCodes.UnsupportedMediaType);
        }

        var body = await ReadBodyAsync(request, _maxBodyBytes, context.RequestAborted).ConfigureAwait(false);
        if (body.Buffer is null)
        {
            return Reject(StatusCodes.Status413PayloadTooLarge, "Body too large",
                $"The body is over {_maxBodyBytes} bytes; split the batch.", ProblemCodes.BodyTooLarge);
        }

        // ~60 bytes per event on the wire at least, so this first guess rarely needs to grow.
        var events = ArrayPool<EngagementEvent>.Shared.Rent(Math.Min(Math.Max(body.Length / 100, 16), _maxEvents));
        try
        {
            var problem = Parse(body, ref events, out var count);
            if (problem is not null)
            {
                return problem;
            }

            if (count == 0)
            {
                return TypedResults.Ok(new IngestResponse(0, 0, 0, 0));
            }

            AppendResult result;
            try
            {
                result = await store.Events.AppendAsync(new ArraySegment<EngagementEvent>(events, 0, count), context.RequestAborted).ConfigureAwait(false);
            }
            catch (InvalidEventException ex)
            {
                // The store's rules agree with EventRules; this only fires if they ever drift apart.
                return Reject(StatusCodes.Status422UnprocessableEntity, "Invalid event", ex.Message, ProblemCodes.InvalidEvent, ex.Index);
            }

            if (result.Appended > 0)
            {
                notifier.Appended(events.AsSpan(0, count));
            }

            metrics.Appended(result.Appended, result.Duplicates, time.GetElapsedTime(started));
            Log.BatchAppended(logger, count, result.Appended, result.Duplicates, result.LastSequence);
            return TypedResults.Ok(new IngestResponse(result.Appended, result.Duplicates, result.FirstSequence, result.LastSequence));
        }
        finally
        {
            ArrayPool<EngagementEvent>.Shared.Return(events);
        }
    }

    /// <summary>Parses and validates; returns the problem to answer with, or null when all events are valid.</summary>
    private ProblemHttpResult? Parse(Body body, ref EngagementEvent[] events, out int count)
    {
        EventBatchReadStatus status;
        EventBatchReadError error;
        try
        {
            status = EventBatchReader.Read(body.Buffer.AsSpan(0, body.Length), _maxEvents, ref events, out count, out error);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(body.Buffer!);
        }

        switch (status)
        {
            case EventBatchReadStatus.Ok:
                break;
            case EventBatchReadStatus.MalformedJson:
                return Reject(StatusCodes.Status400BadRequest, "Malformed JSON", error.Detail, ProblemCodes.MalformedJson);
            case EventBatchReadStatus.UnknownKind:
                return Reject(StatusCodes.Status400BadRequest, "Unknown event kind", error.Detail, ProblemCodes.UnknownEventKind, error.Index, error.Field);
            case EventBatchReadStatus.TooManyEvents:
                return Reject(StatusCodes.Status413PayloadTooLarge, "Too many events", error.Detail, ProblemCodes.TooManyEvents);
            default:
                return Reject(StatusCodes.Status400BadRequest, "Invalid field", error.Detail, ProblemCodes.InvalidField, error.Index >= 0 ? error.Index : null, error.Field);
        }

        var (index, message) = EventRules.ValidateBatch(events.AsSpan(0, count));
        if (index >= 0)
        {
            return Reject(StatusCodes.Status422UnprocessableEntity, "Invalid event", $"events[{index}]: {message}", ProblemCodes.InvalidEvent, index);
        }

        return RejectFutureEvent(events.AsSpan(0, count));
    }

    /// <summary>
    /// An event dated after the server's clock (plus <see cref="MaxClockSkew"/>) is refused: the trainer ages embedding
    /// rows by event time, so one event dated months ahead would expire every row it holds at its next sweep.
    /// </summary>
    private ProblemHttpResult? RejectFutureEvent(ReadOnlySpan<EngagementEvent> events)
    {
        var now = time.GetUtcNow();
        var latest = now + MaxClockSkew;
        for (var i = 0; i < events.Length; i++)
        {
            if (events[i].OccurredAt > latest)
            {
                return Reject(StatusCodes.Status422UnprocessableEntity, "Invalid event",
                    $"events[{i}]: occurredAt {events[i].OccurredAt:O} is more than {MaxClockSkew.TotalMinutes:0} minutes after the server's clock ({now:O}); send when the event happened and check the client's clock.",
                    ProblemCodes.InvalidEvent, i, "occurredAt");
            }
        }

        return null;
    }

    private ProblemHttpResult Reject(int status, string title, string detail, string code, int? index = null, string? field = null)
    {
        metrics.Rejected(code);
        Log.BatchRejected(logger, status, code, index ?? -1);
        return Problems.Create(status, title, detail, code, index, field);
    }

    internal static bool IsJson(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var media))
        {
            return false;
        }

        var type = media.MediaType.AsSpan();
        var isJson = type.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || (type.StartsWith("application/", StringComparison.OrdinalIgnoreCase) && type.EndsWith("+json", StringComparison.OrdinalIgnoreCase));
        return isJson && (!media.Charset.HasValue || media.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// Copies the body into one pooled buffer, refusing (Buffer null) as soon as it passes the limit: a declared
    /// Content-Length over the limit is refused before a byte is read, a chunked body once it grows past it.
    /// Kestrel enforces the same limit (MaxRequestBodySize) underneath.
    /// </summary>
    private static async ValueTask<Body> ReadBodyAsync(HttpRequest request, long max, CancellationToken cancellationToken)
    {
        var declared = request.ContentLength;
        if (declared > max)
        {
            return default;
        }

        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(max + 1, (declared ?? 16 * 1024) + 1));
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (length > max)
                    {
                        ArrayPool<byte>.Shared.Return(buffer);
                        return default;
                    }

                    var bigger = ArrayPool<byte>.Shared.Rent((int)Math.Min(max + 1, (long)buffer.Length * 2));
                    buffer.AsSpan(0, length).CopyTo(bigger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = bigger;
                }

                var read = await request.Body.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                length += read;
                if (length > max)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    return default;
                }
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            return default;
        }

        return new Body(buffer, length);
    }

    private readonly record struct Body(byte[]? Buffer, int Length);
}
