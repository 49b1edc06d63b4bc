using Microsoft.Extensions.Logging;

namespace Whisper.Cutover.Geo;

public sealed partial class GeoIpService
{
    [LoggerMessage(EventId = CutoverEventIds.GeoLoaded, Level = LogLevel.Information, Message = "Geo-IP database loaded from {Source}: {IPv4Ranges} IPv4 and {IPv6Ranges} IPv6 ranges")]
    private partial void LogLoaded(string source, int ipv4Ranges, int ipv6Ranges);

    [LoggerMessage(EventId = CutoverEventIds.GeoRefused, Level = LogLevel.Error, Message = "Geo-IP reload refused ({Problem}); still serving {Source}")]
    private partial void LogRefused(string problem, string source);

    [LoggerMessage(EventId = CutoverEventIds.GeoWatchFailed, Level = LogLevel.Warning, Message = "Cannot watch {Directory} for geo-IP updates ({Problem}); call Reload to pick up new files")]
    private partial void LogWatchFailed(string directory, string problem);
}
