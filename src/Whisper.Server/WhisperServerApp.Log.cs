using Microsoft.Extensions.Logging;

using Whisper.Server.Diagnostics;

namespace Whisper.Server;

public static partial class WhisperServerApp
{
    private static partial class Log
    {
        [LoggerMessage(EventId = ServerEventIds.Listening, Level = LogLevel.Information,
            Message = "Whisper server listening on {Addresses} (store {Provider}, max body {MaxBodyBytes} bytes, max batch {MaxEvents} events)")]
        public static partial void Listening(ILogger logger, string addresses, string provider, long maxBodyBytes, int maxEvents);

        [LoggerMessage(EventId = ServerEventIds.KeysLoaded, Level = LogLevel.Information, Message = "Loaded {Count} API keys from {Path}")]
        public static partial void KeysLoaded(ILogger logger, int count, string path);

        [LoggerMessage(EventId = ServerEventIds.KeyFileTooOpen, Level = LogLevel.Warning,
            Message = "API keys file {Path} is readable or writable by group or others; run chmod 600 on it")]
        public static partial void KeyFileTooOpen(ILogger logger, string path);

        [LoggerMessage(EventId = ServerEventIds.Stopping, Level = LogLevel.Information, Message = "Whisper server stopping")]
        public static partial void Stopping(ILogger logger);
    }
}
