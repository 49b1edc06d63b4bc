namespace Whisper.Parity.Shadow;

/// <summary>What a replay sends and how it is judged: the requests in log order and the engagement that follows them.</summary>
public sealed record ReplayPlan(IReadOnlyList<ShadowRequest> Requests, HeldOutEngagement HeldOut);
