using Microsoft.Extensions.Logging;

using Whisper.Server.Diagnostics;

namespace Whisper.Server.Ingest;

internal sealed partial class IngestHandler
{
    private static partial class Log
    {
        [LoggerMessage(EventId = ServerEventIds.BatchAppended, Level = LogLevel.Debug,
            Message = "Ingested batch of {Count} events: {Appended} appended, {Duplicates} duplicates, head {Head}")]
        public static partial void BatchAppended(ILogger logger, int count, int appended, int duplicates, long head);

        [LoggerMessage(EventId = ServerEventIds.BatchRejected, Level = LogLevel.Debug,
            Message = "Rejected ingest batch with {Status} {Code} at event index {EventIndex}")]
        public static partial void BatchRejected(ILogger logger, int status, string code, int eventIndex);
    }
}
