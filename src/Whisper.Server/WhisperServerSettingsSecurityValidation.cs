namespace Whisper.Server;

/// <summary>The checks of the JWT, audit trail and security alert settings, for <see cref="WhisperServerSettingsValidator"/>.</summary>
internal static class WhisperServerSettingsSecurityValidation
{
    public const int MaxAnchorEvery = 1_000_000;
    public const int MaxQueueCapacity = 1_000_000;
    public const int MaxAlertsLimit = 100_000;

    public static void AddFailures(WhisperServerSettings options, List<string> failures)
    {
        if (options.Jwt is { } jwt)
        {
            if (string.IsNullOrWhiteSpace(jwt.VerificationKeyPath))
            {
                failures.Add("Jwt.VerificationKeyPath is empty; point it at the .pub.pem that 'whisper keys token --signing-key <file>' writes, or leave Jwt null for API keys only.");
            }
            else if (!File.Exists(jwt.VerificationKeyPath))
            {
                failures.Add($"Jwt.VerificationKeyPath '{jwt.VerificationKeyPath}' does not exist; create the key pair with 'whisper keys token --signing-key <file>' and give its .pub.pem.");
            }

            if (string.IsNullOrWhiteSpace(jwt.Issuer) || string.IsNullOrWhiteSpace(jwt.Audience))
            {
                failures.Add("Jwt.Issuer and Jwt.Audience must not be empty; the defaults are 'whisper' and 'whisper-api'.");
            }
        }

        if (options.AuditTrail is { } trail)
        {
            if (string.IsNullOrWhiteSpace(trail.Path))
            {
                failures.Add("AuditTrail.Path is empty; give the trail file (created on first start), or leave AuditTrail null to record nothing.");
            }
            else if (Directory.Exists(trail.Path))
            {
                failures.Add($"AuditTrail.Path '{trail.Path}' is a directory; give a file path such as {Path.Combine(trail.Path, "audit-trail.jsonl")}.");
            }

            if (trail.AnchorEvery is < 1 or > MaxAnchorEvery)
            {
                failures.Add($"AuditTrail.AnchorEvery {trail.AnchorEvery} is outside 1..{MaxAnchorEvery}; the default is 100.");
            }
        }

        var alerts = options.SecurityAlerts;
        if (alerts is null)
        {
            failures.Add("SecurityAlerts is null; leave it at its default.");
            return;
        }

        if (alerts.QueueCapacity is < 1 or > MaxQueueCapacity)
        {
            failures.Add($"SecurityAlerts.QueueCapacity {alerts.QueueCapacity} is outside 1..{MaxQueueCapacity}; the default is 10000.");
        }

        if (alerts.MaxAlerts is < 1 or > MaxAlertsLimit)
        {
            failures.Add($"SecurityAlerts.MaxAlerts {alerts.MaxAlerts} is outside 1..{MaxAlertsLimit}; the default is 1000.");
        }

        if (alerts.EventsPath is { } events && (string.IsNullOrWhiteSpace(events) || Directory.Exists(events)))
        {
            failures.Add($"SecurityAlerts.EventsPath '{events}' is not a file path; give a JSON-lines file such as security-events.jsonl, or null for none.");
        }

        try
        {
            alerts.Detection.Validate();
        }
        catch (ArgumentOutOfRangeException e)
        {
            failures.Add($"SecurityAlerts.Detection.{e.ParamName} is out of range ({e.ActualValue}); see docs/security/intrusion-detection.md for the defaults.");
        }
    }
}
