using Whisper.Security.Detection;

namespace Whisper.Server.SecurityAlerts;

/// <summary>The server's own intrusion detection: every request becomes an access event for an <see cref="IntrusionDetector"/>.</summary>
public sealed record SecurityAlertSettings
{
    /// <summary>Also append every access event to this JSON-lines file (the format <c>whisper detect</c> reads); null keeps none.</summary>
    public string? EventsPath { get; init; }

    /// <summary>
    /// Events waiting for the detector before new ones are dropped (and counted): requests never wait on detection. At
    /// ~200 bytes an event, the default holds ~2 MB, some seconds of a busy server's traffic.
    /// </summary>
    public int QueueCapacity { get; init; } = 10_000;

    /// <summary>Alerts kept in memory for the API; the oldest go first.</summary>
    public int MaxAlerts { get; init; } = 1_000;

    /// <summary>The detector's thresholds.</summary>
    public DetectionOptions Detection { get; init; } = new();
}
