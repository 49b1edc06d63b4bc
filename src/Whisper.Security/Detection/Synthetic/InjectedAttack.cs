namespace Whisper.Security.Detection.Synthetic;

/// <summary>An attack planted in a synthetic log: who, when, and the rule that should catch it.</summary>
public sealed record InjectedAttack(AlertRule Expected, string Identity, DateTimeOffset Start, DateTimeOffset End);

/// <summary>A synthetic security log in time order with the attacks planted in it.</summary>
public sealed record SyntheticSecurityLog(IReadOnlyList<SecurityEvent> Events, IReadOnlyList<InjectedAttack> Attacks, long BenignIdentityHours);
