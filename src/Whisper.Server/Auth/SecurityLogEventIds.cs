namespace Whisper.Server.Auth;

/// <summary>
/// Log event ids of JWT, the audit trail and security alerts: the 2xxx (auth) range of
/// <see cref="Diagnostics.ServerEventIds"/>, from 2002 on, where KeyRejected (2000) and KeyAccepted (2001) live.
/// </summary>
internal static class SecurityLogEventIds
{
    public const int JwtEnabled = 2002;
    public const int JwtKeyTooOpen = 2003;

    public const int AuditTrailOpened = 2100;
    public const int AuditTrailWriteFailed = 2101;

    public const int SecurityEventsFileFailed = 2200;
    public const int SecurityEventRejected = 2201;
}
