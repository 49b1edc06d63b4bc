using System.Buffers;
using System.Text;
using System.Text.Json;

using Whisper.Core.Domain;

namespace Whisper.Server.Ingest;

/// <summary>
/// Reads a POST /v1/events body straight into <see cref="EngagementEvent"/> values with <see cref="Utf8JsonReader"/>:
/// no intermediate DTOs or strings per event (a 1,000-event body is ~150 KB and parses in well under a
/// millisecond), and every error names the event index and field. Written by hand because the serializer's
/// errors cannot say "events[3].kind 'foo' is unknown; use one of ...".
/// </summary>
internal static class EventBatchReader
{
    /// <summary>Longest kind text echoed back in an error, and longest parsed as a kind at all.</summary>
    private const int MaxEchoChars = 32;

    private const int SeenId = 1, SeenUser = 2, SeenKind = 4, SeenTime = 8;

    private static readonly string AllowedKinds = string.Join(", ", EventKinds.WireNames);

    /// <summary>
    /// Parses <paramref name="json"/> into <paramref name="events"/> (rented from <see cref="ArrayPool{T}.Shared"/>
    /// and regrown there as needed; the caller returns it). Returns <see cref="EventBatchReadStatus.Ok"/> and the
    /// count, or the first problem found.
    /// </summary>
    public static EventBatchReadStatus Read(ReadOnlySpan<byte> json, int maxEvents, ref EngagementEvent[] events, out int count, out EventBatchReadError error)
    {
        count = 0;
        error = default;
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 8 });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return Fail(out error, EventBatchReadStatus.InvalidField, -1, null, "The body must be a JSON object: { \"events\": [ ... ] }.");
            }

            var sawEvents = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (!reader.ValueTextEquals("events"u8) || sawEvents)
                {
                    return Fail(out error, EventBatchReadStatus.InvalidField, -1, Echo(ref reader), "The body holds one field, \"events\"; remove any other or repeated field.");
                }

                sawEvents = true;
                reader.Read();
                if (reader.TokenType != JsonTokenType.StartArray)
                {
                    return Fail(out error, EventBatchReadStatus.InvalidField, -1, "events", "events must be an array of event objects.");
                }

                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (count == maxEvents)
                    {
                        return Fail(out error, EventBatchReadStatus.TooManyEvents, count, null, $"The batch holds more than {maxEvents} events; send at most {maxEvents} per request.");
                    }

                    if (reader.TokenType != JsonTokenType.StartObject)
                    {
                        return Fail(out error, EventBatchReadStatus.InvalidField, count, null, $"events[{count}] must be an object.");
                    }

                    if (!TryReadEvent(ref reader, count, out var e, out error))
                    {
                        return error.Status;
                    }

                    if (count == events.Length)
                    {
                        Grow(ref events, Math.Min(Math.Max(events.Length * 2, 64), maxEvents));
                    }

                    events[count++] = e;
                }
            }

            // The reader rejects trailing content itself (JsonException below); this consumes the end.
            while (reader.Read())
            {
            }

            return sawEvents ? EventBatchReadStatus.Ok : Fail(out error, EventBatchReadStatus.InvalidField, -1, "events", "events is required: { \"events\": [ ... ] }.");
        }
        catch (JsonException ex)
        {
            // The reader's own message quotes the offending byte; give position only, echo nothing.
            return Fail(out error, EventBatchReadStatus.MalformedJson, -1, null, $"The body is not valid JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}).");
        }
    }

    private static bool TryReadEvent(ref Utf8JsonReader reader, int index, out EngagementEvent e, out EventBatchReadError error)
    {
        e = default;
        error = default;
        Guid id = default;
        long userId = 0, videoId = 0, productId = 0;
        var watchTimeMs = 0;
        EventKind kind = default;
        DateTimeOffset occurredAt = default;
        var seen = 0;

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("clientEventId"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.String || !reader.TryGetGuid(out id))
                {
                    return FailEvent(out error, index, "clientEventId", "must be a GUID string such as \"0f8fad5b-d9cb-469f-a165-70867728950e\".");
                }

                seen |= SeenId;
            }
            else if (reader.ValueTextEquals("userId"u8))
            {
                if (!TryReadId(ref reader, required: true, out userId))
                {
                    return FailEvent(out error, index, "userId", "must be an integer.");
                }

                seen |= SeenUser;
            }
            else if (reader.ValueTextEquals("videoId"u8))
            {
                if (!TryReadId(ref reader, required: false, out videoId))
                {
                    return FailEvent(out error, index, "videoId", "must be an integer.");
                }
            }
            else if (reader.ValueTextEquals("kind"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.String)
                {
                    return FailEvent(out error, index, "kind", $"must be a string, one of {AllowedKinds}.");
                }

                if (!TryParseKind(ref reader, out kind))
                {
                    error = new EventBatchReadError(EventBatchReadStatus.UnknownKind, index, "kind",
                        $"events[{index}].kind '{Echo(ref reader)}' is unknown; use one of {AllowedKinds}.");
                    return false;
                }

                seen |= SeenKind;
            }
            else if (reader.ValueTextEquals("occurredAt"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.String || !reader.TryGetDateTimeOffset(out occurredAt) || !HasExplicitOffset(ref reader))
                {
                    return FailEvent(out error, index, "occurredAt", "must be an ISO 8601 time with an offset, such as \"2026-01-01T00:00:00Z\".");
                }

                seen |= SeenTime;
            }
            else if (reader.ValueTextEquals("watchTimeMs"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.Number ? !reader.TryGetInt32(out watchTimeMs) : reader.TokenType != JsonTokenType.Null)
                {
                    return FailEvent(out error, index, "watchTimeMs", "must be an integer number of milliseconds.");
                }
            }
            else if (reader.ValueTextEquals("productId"u8))
            {
                if (!TryReadId(ref reader, required: false, out productId))
                {
                    return FailEvent(out error, index, "productId", "must be an integer.");
                }
            }
            else
            {
                var name = Echo(ref reader);
                return FailEvent(out error, index, name,
                    "is not an event field; fields are clientEventId, userId, videoId, kind, occurredAt, watchTimeMs, productId (camelCase).");
            }
        }

        var missing = (seen & SeenId) == 0 ? "clientEventId"
            : (seen & SeenUser) == 0 ? "userId"
            : (seen & SeenKind) == 0 ? "kind"
            : (seen & SeenTime) == 0 ? "occurredAt"
            : null;
        if (missing is not null)
        {
            return FailEvent(out error, index, missing, "is required.");
        }

        e = new EngagementEvent(id, userId, videoId, kind, occurredAt, watchTimeMs, productId);
        return true;
    }

    /// <summary>Reads an integer id; absent-able ids also accept null (0).</summary>
    private static bool TryReadId(ref Utf8JsonReader reader, bool required, out long value)
    {
        reader.Read();
        value = 0;
        return reader.TokenType switch
        {
            JsonTokenType.Number => reader.TryGetInt64(out value),
            JsonTokenType.Null => !required,
            _ => false,
        };
    }

    private static bool TryParseKind(ref Utf8JsonReader reader, out EventKind kind)
    {
        kind = default;
        if (reader.ValueSpan.Length > MaxEchoChars)
        {
            return false;
        }

        // Unescaped text is never longer than its escaped UTF-8 bytes, so MaxEchoChars chars always fit.
        Span<char> text = stackalloc char[MaxEchoChars];
        var length = reader.CopyString(text);
        return EventKinds.TryParse(text[..length], out kind);
    }

    /// <summary>An ISO time without an offset would be read as server-local time; insist on "Z" or "±hh:mm".</summary>
    private static bool HasExplicitOffset(ref Utf8JsonReader reader)
    {
        ReadOnlySpan<byte> raw = reader.ValueIsEscaped ? Encoding.UTF8.GetBytes(reader.GetString()!) : reader.ValueSpan;
        return raw.Length > 6 && (raw[^1] is (byte)'Z' or (byte)'z' || (raw[^6] is (byte)'+' or (byte)'-' && raw[^3] == (byte)':'));
    }

    private static bool FailEvent(out EventBatchReadError error, int index, string field, string problem)
    {
        error = new EventBatchReadError(EventBatchReadStatus.InvalidField, index, field, $"events[{index}].{field} {problem}");
        return false;
    }

    private static EventBatchReadStatus Fail(out EventBatchReadError error, EventBatchReadStatus status, int index, string? field, string detail)
    {
        error = new EventBatchReadError(status, index, field, detail);
        return status;
    }

    private static void Grow(ref EngagementEvent[] events, int size)
    {
        var bigger = ArrayPool<EngagementEvent>.Shared.Rent(size);
        events.AsSpan().CopyTo(bigger);
        ArrayPool<EngagementEvent>.Shared.Return(events);
        events = bigger;
    }

    /// <summary>The current name or string value, trimmed and with control characters and quotes replaced, safe to put in a response.</summary>
    private static string Echo(ref Utf8JsonReader reader) => Sanitise(reader.GetString());

    private static string Sanitise(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var trimmed = text.Length > MaxEchoChars ? text[..MaxEchoChars] : text;
        return string.Create(trimmed.Length + (text.Length > MaxEchoChars ? 1 : 0), (trimmed, text.Length > MaxEchoChars), static (span, state) =>
        {
            for (var i = 0; i < state.trimmed.Length; i++)
            {
                var c = state.trimmed[i];
                span[i] = char.IsControl(c) || char.IsSurrogate(c) || c is '\'' or '"' ? '?' : c;
            }

            if (state.Item2)
            {
                span[^1] = '…';
            }
        });
    }
}
