namespace Whisper.Parity.Shadow;

/// <summary>One logged engagement as the replay reads it: who, which video, when (Unix ms), and whether it is a positive under the relevance rule.</summary>
public readonly record struct ReplayEvent(long Sequence, long UserId, long VideoId, long TimeMs, bool Positive);
