using System.Text.Json;

using Whisper.Core.Domain;

namespace Whisper.Server.Ingest;

/// <summary>
/// Writes the POST /v1/events body: the same wire format <see cref="EventBatchReader"/> reads, used by
/// <see cref="Client.WhisperClient"/> so benchmarks measure the real format. Zero-valued optional fields
/// (videoId, watchTimeMs, productId) are omitted: ~110 bytes per view event.
/// </summary>
internal static class EventBatchWriter
{
    private static readonly JsonEncodedText[] KindNames = BuildKindNames();

    public static void Write(Utf8JsonWriter writer, IReadOnlyList<EngagementEvent> events)
    {
        writer.WriteStartObject();
        writer.WriteStartArray("events"u8);
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            writer.WriteStartObject();
            writer.WriteString("clientEventId"u8, e.ClientEventId);
            writer.WriteNumber("userId"u8, e.UserId);
            if (e.VideoId != 0)
            {
                writer.WriteNumber("videoId"u8, e.VideoId);
            }

            var kind = (int)e.Kind;
            if (kind > 0 && kind < KindNames.Length)
            {
                writer.WriteString("kind"u8, KindNames[kind]);
            }
            else
            {
                // Let the server name the problem: it answers 400 with the allowed list.
                writer.WriteString("kind"u8, kind.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            writer.WriteString("occurredAt"u8, e.OccurredAt);
            if (e.WatchTimeMs != 0)
            {
                writer.WriteNumber("watchTimeMs"u8, e.WatchTimeMs);
            }

            if (e.ProductId != 0)
            {
                writer.WriteNumber("productId"u8, e.ProductId);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static JsonEncodedText[] BuildKindNames()
    {
        var names = new JsonEncodedText[EventKinds.WireNames.Count + 1];
        for (var i = 0; i < EventKinds.WireNames.Count; i++)
        {
            names[i + 1] = JsonEncodedText.Encode(EventKinds.WireNames[i]);
        }

        return names;
    }
}
