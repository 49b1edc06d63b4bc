namespace Whisper.Parity.Shadow;

/// <summary>Requests compared so far, of <paramref name="Total"/> (0 when unknown: a live mirror).</summary>
public readonly record struct ShadowProgress(long Done, long Total);
