using Whisper.Fork.Records;
using Whisper.Storage;

namespace Whisper.Fork.Import;

/// <summary>Writes one raw record chunk into a store in a single atomic batch: upserts by key, events deduplicated by client id.</summary>
internal static class ChunkApplier
{
    public static async Task<int> ApplyAsync(IWhisperStore target, ForkTable table, int count, ReadOnlyMemory<byte> records, CancellationToken ct)
    {
        var catalog = target.Catalog;
        switch (table)
        {
            case ForkTable.Users:
                await catalog.UpsertUsersAsync(RecordDecoder.Decode(RecordCodecs.Users, records.Span, count), ct).ConfigureAwait(false);
                break;
            case ForkTable.Creators:
                await catalog.UpsertCreatorsAsync(RecordDecoder.Decode(RecordCodecs.Creators, records.Span, count), ct).ConfigureAwait(false);
                break;
            case ForkTable.Videos:
                await catalog.UpsertVideosAsync(RecordDecoder.Decode(RecordCodecs.Videos, records.Span, count), ct).ConfigureAwait(false);
                break;
            case ForkTable.Follows:
                await catalog.UpsertFollowsAsync(RecordDecoder.Decode(RecordCodecs.Follows, records.Span, count), ct).ConfigureAwait(false);
                break;
            case ForkTable.LiveSessions:
                await catalog.UpsertLiveSessionsAsync(RecordDecoder.Decode(RecordCodecs.LiveSessions, records.Span, count), ct).ConfigureAwait(false);
                break;
            case ForkTable.Products:
                await catalog.UpsertProductsAsync(RecordDecoder.Decode(RecordCodecs.Products, records.Span, count), ct).ConfigureAwait(false);
                break;
            case ForkTable.Orders:
                await catalog.UpsertOrdersAsync(RecordDecoder.Decode(RecordCodecs.Orders, records.Span, count), ct).ConfigureAwait(false);
                break;
            case ForkTable.Events:
                var logged = RecordDecoder.Decode(RecordCodecs.Events, records.Span, count);
                var events = new Core.Domain.EngagementEvent[logged.Count];
                for (var i = 0; i < events.Length; i++)
                {
                    events[i] = logged[i].Event;
                }

                await target.Events.AppendAsync(events, ct).ConfigureAwait(false);
                break;
            default:
                throw new InvalidDataException($"table {table} is not a record table");
        }

        return count;
    }
}
