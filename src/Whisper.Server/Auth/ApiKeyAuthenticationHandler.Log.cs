using Microsoft.Extensions.Logging;

using Whisper.Server.Diagnostics;

namespace Whisper.Server.Auth;

internal sealed partial class ApiKeyAuthenticationHandler
{
    private static partial class Log
    {
        // Never log the presented key, nor any part of it: only the outcome and, on success, the key id.
        [LoggerMessage(EventId = ServerEventIds.KeyRejected, Level = LogLevel.Information, Message = "Rejected a request presenting an unknown API key")]
        public static partial void KeyRejected(ILogger logger);

        [LoggerMessage(EventId = ServerEventIds.KeyAccepted, Level = LogLevel.Debug, Message = "Authenticated API key {KeyId}")]
        public static partial void KeyAccepted(ILogger logger, string keyId);
    }
}
