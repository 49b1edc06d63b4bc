namespace Whisper.Recommendation.RankingAudit;

/// <summary>The replay's clock: set to each logged request's time, so the model reads the hour the request had.</summary>
internal sealed class AuditClock : TimeProvider
{
    public DateTimeOffset Now { get; set; }

    public override DateTimeOffset GetUtcNow() => Now;
}
