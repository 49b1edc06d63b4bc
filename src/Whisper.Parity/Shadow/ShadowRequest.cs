namespace Whisper.Parity.Shadow;

/// <summary>One feed request both regions answer: <paramref name="Sequence"/> is its place in the replay (log order) or mirror.</summary>
public sealed record ShadowRequest(long Sequence, long UserId, DateTimeOffset At, int Count);
