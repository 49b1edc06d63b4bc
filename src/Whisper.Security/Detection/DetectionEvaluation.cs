using Whisper.Security.Detection.Synthetic;

namespace Whisper.Security.Detection;

/// <summary>Recall per attack kind and the false-positive rate of a detector run over a synthetic log.</summary>
public sealed record DetectionScore(
    IReadOnlyDictionary<AlertRule, double> RecallByRule,
    double Recall,
    int Attacks,
    int Detected,
    int Alerts,
    int FalseAlerts,
    long BenignIdentityHours,
    double FalsePositiveRate)
{
    /// <summary>
    /// Runs <paramref name="detector"/> over the log. An attack counts as detected when an alert of its rule for its
    /// identity falls inside its window (plus an hour); an alert that matches no attack is false. The false-positive
    /// rate is false alerts per active, benign identity-hour.
    /// </summary>
    public static DetectionScore Evaluate(SyntheticSecurityLog log, IntrusionDetector detector)
    {
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(detector);
        foreach (var e in log.Events)
        {
            detector.Observe(e);
        }

        static bool Matches(InjectedAttack a, Alert alert) =>
            alert.Identity == a.Identity && alert.Rule == a.Expected && alert.Time >= a.Start && alert.Time <= a.End.AddHours(1);

        var detected = log.Attacks.Where(a => detector.Alerts.Any(alert => Matches(a, alert))).ToList();
        var falseAlerts = detector.Alerts.Count(alert => !log.Attacks.Any(a => alert.Identity == a.Identity && alert.Time >= a.Start && alert.Time <= a.End.AddHours(1)));
        var byRule = log.Attacks.GroupBy(a => a.Expected).ToDictionary(g => g.Key, g => (double)g.Count(detected.Contains) / g.Count());
        return new DetectionScore(
            byRule,
            log.Attacks.Count == 0 ? 1 : (double)detected.Count / log.Attacks.Count,
            log.Attacks.Count,
            detected.Count,
            detector.Alerts.Count,
            falseAlerts,
            log.BenignIdentityHours,
            log.BenignIdentityHours == 0 ? 0 : (double)falseAlerts / log.BenignIdentityHours);
    }
}
