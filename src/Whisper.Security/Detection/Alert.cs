namespace Whisper.Security.Detection;

/// <summary>Which rule raised an alert. Stable names: they are matched by alert routing and reports.</summary>
public enum AlertRule
{
    /// <summary>The egress guard denied a connection: something tried to leave the region.</summary>
    DeniedEgress,

    /// <summary>An identity connected out to a destination it has never used.</summary>
    NewDestination,

    /// <summary>An identity read far more rows in an hour than its own history explains.</summary>
    ReadVolume,

    /// <summary>A bulk export or a large read outside the identity's working hours.</summary>
    OffHoursBulkExport,

    /// <summary>A credential used from a network and country it was never used from.</summary>
    NewPlace,
}

/// <summary>An alert with the evidence that raised it: the events, and the numbers compared.</summary>
public sealed record Alert(DateTimeOffset Time, AlertRule Rule, string Identity, string Reason, IReadOnlyList<SecurityEvent> Evidence);
