// Usage: Whisper.Storage.CrashWriter <sqlite|postgres> <connection string> [schema]
// Appends batches of CrashWriterIds.BatchSize events forever; after each acknowledged append prints
// "ack <batch> <appended> <first> <last>" and flushes, so the parent knows what the store promised.
using Whisper.Core.Domain;
using Whisper.Storage;
using Whisper.Storage.CrashWriter;

if (args.Length < 2)
{
    Console.Error.WriteLine("usage: Whisper.Storage.CrashWriter <sqlite|postgres> <connection string> [schema]");
    return 2;
}

var provider = args[0] == "postgres" ? StoreProvider.Postgres : StoreProvider.Sqlite;
var options = new StoreOptions(provider, args[1]);
if (args.Length > 2)
{
    options = options with { Schema = args[2] };
}

await using var store = await WhisperStores.OpenAsync(options);
var start = DateTimeOffset.FromUnixTimeMilliseconds(1_760_000_000_000);
var events = new EngagementEvent[CrashWriterIds.BatchSize];
Console.WriteLine("ready");
for (var batch = 0; ; batch++)
{
    for (var i = 0; i < events.Length; i++)
    {
        events[i] = new EngagementEvent(CrashWriterIds.For(batch, i), 1 + i, 1 + batch, EventKind.View, start.AddMilliseconds(i), 1_000 + i);
    }

    var result = await store.Events.AppendAsync(events);
    Console.WriteLine($"ack {batch} {result.Appended} {result.FirstSequence} {result.LastSequence}");
}
