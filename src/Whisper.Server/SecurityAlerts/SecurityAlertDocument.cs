using Whisper.Security.Detection;

namespace Whisper.Server.SecurityAlerts;

/// <summary>One alert as <c>GET /v1/security/alerts</c> returns it: its number, the rule, whom it is about, why, and the events that raised it.</summary>
public sealed record SecurityAlertDocument(long Id, DateTimeOffset Time, string Rule, string Identity, string Reason, IReadOnlyList<SecurityEvent> Evidence)
{
    internal static SecurityAlertDocument From(long id, Alert alert) =>
        new(id, alert.Time, alert.Rule.ToString(), alert.Identity, alert.Reason, alert.Evidence);
}
