using System.Globalization;

using Microsoft.Extensions.Logging;

namespace Whisper.Security.Detection;

/// <summary>
/// Streaming intrusion and exfiltration detection over access, audit and egress events in time order: fixed rules
/// (denied egress) plus per-identity anomaly detection against the identity's own history (read volume, new
/// destinations, off-hours bulk export, a credential used from a new place). Each alert carries its evidence and is
/// raised at most once per identity, rule and hour. Not thread-safe: feed it from one reader.
/// </summary>
public sealed partial class IntrusionDetector
{
    private readonly DetectionOptions _options;
    private readonly ILogger? _logger;
    private readonly Dictionary<string, IdentityProfile> _profiles = new(StringComparer.Ordinal);
    private readonly HashSet<(string, AlertRule, long)> _raised = [];
    private readonly List<Alert> _alerts = [];
    private DateTimeOffset _last = DateTimeOffset.MinValue;

    public IntrusionDetector(DetectionOptions? options = null, ILogger? logger = null)
    {
        _options = options ?? new DetectionOptions();
        _options.Validate();
        _logger = logger;
    }

    public IReadOnlyList<Alert> Alerts => _alerts;

    /// <summary>Processes one event; returns the alerts it raised (usually none).</summary>
    public IReadOnlyList<Alert> Observe(SecurityEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (e.Time < _last)
        {
            throw new ArgumentException($"events must arrive in time order: {e.Time:O} is before {_last:O}", nameof(e));
        }

        _last = e.Time;
        if (!_profiles.TryGetValue(e.Identity, out var profile))
        {
            profile = new IdentityProfile(e.Time);
            _profiles[e.Identity] = profile;
        }

        List<Alert>? raised = null;
        var hour = e.Time.ToUnixTimeSeconds() / 3600;
        profile.EnterHour(hour);
        profile.AddToHour(e);
        var warm = profile.IsWarm(e.Time, _options.WarmupHours);

        if (e.Kind == SecurityEventKind.Egress)
        {
            if (!e.Allowed)
            {
                Raise(ref raised, e, AlertRule.DeniedEgress, hour, $"egress to {e.Destination} was denied by the region allowlist", [e]);
            }
            else if (warm && !profile.Destinations.Contains(e.Destination))
            {
                Raise(ref raised, e, AlertRule.NewDestination, hour, $"first connection to {e.Destination} after {profile.Destinations.Count} known destinations", [e]);
            }
        }

        if (warm && profile.Countries.Count > 0 && e.SourceIp.Length > 0 && IdentityProfile.NetworkOf(e.SourceIp) is { } network
            && !profile.Networks.Contains(network) && e.Country.Length > 0 && !profile.Countries.Contains(e.Country))
        {
            Raise(ref raised, e, AlertRule.NewPlace, hour, $"credential used from {network} in {e.Country}; before only from {string.Join(", ", profile.Countries.Order())}", [e]);
        }

        if (warm && (e.Rows >= _options.BulkRows || _options.BulkActions.Contains(e.Action)) && e.Kind != SecurityEventKind.Egress
            && profile.ShareOfHour(e.Time.UtcDateTime.Hour) < _options.WorkingHourShare)
        {
            Raise(ref raised, e, AlertRule.OffHoursBulkExport, hour, string.Create(CultureInfo.InvariantCulture,
                $"{e.Action} of {e.Rows:N0} rows at {e.Time.UtcDateTime:HH:mm} UTC, an hour holding {profile.ShareOfHour(e.Time.UtcDateTime.Hour):P1} of this identity's activity"), [e]);
        }

        if (warm && !profile.VolumeAlertedThisHour && profile.PastHours >= 2)
        {
            var threshold = Math.Max(profile.MeanRows + _options.VolumeSigmas * profile.DeviationRows, _options.VolumeFactor * profile.MaxRows);
            if (profile.CurrentRows > threshold && profile.CurrentRows > 0)
            {
                profile.VolumeAlertedThisHour = true;
                Raise(ref raised, e, AlertRule.ReadVolume, hour, string.Create(CultureInfo.InvariantCulture,
                    $"{profile.CurrentRows:N0} rows this hour; usual {profile.MeanRows:N0} ± {profile.DeviationRows:N0}, largest hour before {profile.MaxRows:N0}"), [.. profile.CurrentEvents]);
            }
        }

        // What raised an alert is not learned as normal: a second night-time export or a second use from abroad must
        // alert again, not find a baseline the first one taught.
        if (raised is null)
        {
            profile.Learn(e);
        }

        return raised ?? (IReadOnlyList<Alert>)[];
    }

    private void Raise(ref List<Alert>? raised, SecurityEvent e, AlertRule rule, long hour, string reason, IReadOnlyList<SecurityEvent> evidence)
    {
        if (!_raised.Add((e.Identity, rule, hour)))
        {
            return;
        }

        var alert = new Alert(e.Time, rule, e.Identity, reason, evidence);
        _alerts.Add(alert);
        (raised ??= []).Add(alert);
        if (_logger is not null)
        {
            LogAlert(_logger, rule, e.Identity, reason);
        }
    }

    [LoggerMessage(EventId = 7001, Level = LogLevel.Warning, Message = "Security alert {Rule} for {Identity}: {Reason}")]
    private static partial void LogAlert(ILogger logger, AlertRule rule, string identity, string reason);
}
