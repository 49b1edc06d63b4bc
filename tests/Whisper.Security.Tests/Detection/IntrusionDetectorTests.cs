using Whisper.Security.Detection;
using Whisper.Security.Detection.Synthetic;

namespace Whisper.Security.Tests.Detection;

public sealed class IntrusionDetectorTests
{
    private static readonly DateTimeOffset Monday = new(2026, 9, 7, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void SyntheticLog_EveryInjectedAttackIsCaught_WithFewFalseAlerts()
    {
        var log = new SecurityLogGenerator(seed: 7).Generate();
        var score = DetectionScore.Evaluate(log, new IntrusionDetector());

        Assert.Equal(40, score.Attacks);
        var recalls = string.Join(", ", score.RecallByRule.Select(r => $"{r.Key} {r.Value:F2}"));
        Assert.True(score.RecallByRule.Values.All(r => r == 1.0), recalls);
        Assert.True(score.FalsePositiveRate < 0.005, $"{score.FalseAlerts} false alerts over {score.BenignIdentityHours} identity-hours");
    }

    [Fact]
    public void BenignLogWithoutAttacks_RaisesNoAlert()
    {
        var log = new SecurityLogGenerator(seed: 11) { AttacksPerKind = 0 }.Generate();
        var detector = new IntrusionDetector();

        var score = DetectionScore.Evaluate(log, detector);

        Assert.Equal(0, score.Attacks);
        Assert.True(score.Alerts <= 2, string.Join("\n", detector.Alerts.Select(a => $"{a.Rule} {a.Identity}: {a.Reason}")));
    }

    [Fact]
    public void DeniedEgress_AlertsAtOnce_EvenForANewIdentity_WithTheEventAsEvidence()
    {
        var detector = new IntrusionDetector();
        var denied = new SecurityEvent(Monday, SecurityEventKind.Egress, "svc", Destination: "collector.example.cn", Allowed: false);

        var alert = Assert.Single(detector.Observe(denied));

        Assert.Equal(AlertRule.DeniedEgress, alert.Rule);
        Assert.Contains("collector.example.cn", alert.Reason, StringComparison.Ordinal);
        Assert.Same(denied, Assert.Single(alert.Evidence));
        Assert.Empty(detector.Observe(denied with { Time = Monday.AddMinutes(5) })); // once per identity, rule and hour
    }

    [Fact]
    public void NewPlace_NeedsBothANewNetworkAndANewCountry_AfterWarmup()
    {
        var detector = new IntrusionDetector(new DetectionOptions { WarmupHours = 24 });
        detector.Observe(new SecurityEvent(Monday, SecurityEventKind.Access, "ana", "10.1.2.3", "US", "GET /v1/feed", 10));

        // Too early to judge; then a new network in the same country (travel); then abroad.
        Assert.Empty(detector.Observe(new SecurityEvent(Monday.AddHours(1), SecurityEventKind.Access, "ana", "203.0.113.9", "FR", "GET /v1/feed", 10)));
        Assert.Empty(detector.Observe(new SecurityEvent(Monday.AddHours(30), SecurityEventKind.Access, "ana", "198.51.100.4", "US", "GET /v1/feed", 10)));
        var alert = Assert.Single(detector.Observe(new SecurityEvent(Monday.AddHours(31), SecurityEventKind.Access, "ana", "192.0.2.77", "KP", "GET /v1/feed", 10)));
        Assert.Equal(AlertRule.NewPlace, alert.Rule);
    }

    [Fact]
    public void ReadVolume_ASpikeAlerts_ABusierButOrdinaryHourDoesNot()
    {
        var detector = new IntrusionDetector(new DetectionOptions { WarmupHours = 0 });
        for (var hour = 0; hour < 48; hour++)
        {
            detector.Observe(new SecurityEvent(Monday.AddHours(hour), SecurityEventKind.Access, "svc", "10.0.0.1", "US", "GET /v1/videos", 1_000 + (hour % 5 * 100)));
        }

        Assert.Empty(detector.Observe(new SecurityEvent(Monday.AddHours(48), SecurityEventKind.Access, "svc", "10.0.0.1", "US", "GET /v1/videos", 2_000)));
        var spike = detector.Observe(new SecurityEvent(Monday.AddHours(49), SecurityEventKind.Access, "svc", "10.0.0.1", "US", "GET /v1/videos", 50_000));
        Assert.Equal(AlertRule.ReadVolume, Assert.Single(spike).Rule);
    }

    [Fact]
    public void EventsOutOfTimeOrder_AreRejected()
    {
        var detector = new IntrusionDetector();
        detector.Observe(new SecurityEvent(Monday.AddHours(1), SecurityEventKind.Access, "a"));

        Assert.Throws<ArgumentException>(() => detector.Observe(new SecurityEvent(Monday, SecurityEventKind.Access, "a")));
        Assert.Throws<ArgumentOutOfRangeException>(() => new IntrusionDetector(new DetectionOptions { VolumeFactor = 0.5 }));
    }
}
