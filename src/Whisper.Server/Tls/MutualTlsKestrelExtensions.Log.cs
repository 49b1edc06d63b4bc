using Microsoft.Extensions.Logging;

using Whisper.Security.Tls;

namespace Whisper.Server.Tls;

public static partial class MutualTlsKestrelExtensions
{
    /// <summary>Event ids 4xxx: TLS. They belong in Diagnostics/ServerEventIds.cs beside the others.</summary>
    internal const int ClientRefusedEventId = 4000;

    private static partial class Log
    {
        [LoggerMessage(EventId = ClientRefusedEventId, Level = LogLevel.Warning, Message = "TLS client certificate refused ({Outcome}): {Reason}")]
        public static partial void ClientRefused(ILogger logger, MutualTlsOutcome outcome, string reason);
    }
}
