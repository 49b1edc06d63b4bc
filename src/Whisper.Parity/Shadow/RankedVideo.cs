namespace Whisper.Parity.Shadow;

/// <summary>One item of a region's answer, in rank order.</summary>
public readonly record struct RankedVideo(long VideoId, long CreatorId);
