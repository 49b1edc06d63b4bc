using Microsoft.Extensions.Logging;

namespace Whisper.Security.Egress;

public sealed partial class EgressGuard
{
    // Destinations only: host, port, reason, address. Never a request's path, query, headers or body.
    private static partial class Log
    {
        [LoggerMessage(EventId = EgressEventIds.Denied, Level = LogLevel.Warning,
            Message = "Egress denied to {Host}:{Port} for region {Region}: {Reason} (address {Address})")]
        public static partial void Denied(ILogger logger, string host, int port, string region, string reason, string address);

        [LoggerMessage(EventId = EgressEventIds.Allowed, Level = LogLevel.Debug,
            Message = "Egress allowed to {Host}:{Port} for region {Region}: {Reason}")]
        public static partial void Allowed(ILogger logger, string host, int port, string region, string reason);

        [LoggerMessage(EventId = EgressEventIds.HandlerGuarded, Level = LogLevel.Information,
            Message = "Egress guard attached to the SocketsHttpHandler of HttpClient '{ClientName}', which had replaced the guarded default")]
        public static partial void HandlerGuarded(ILogger logger, string clientName);
    }
}
