using Whisper.Parity.Measures;

namespace Whisper.Parity.Shadow;

/// <summary>One request, both answers, the held-out positives that judge them and the per-request measures.</summary>
public sealed record ShadowRecord(ShadowRequest Request, string Cohort, RegionAnswer Source, RegionAnswer Fork, long[] Positives, RequestMeasures Measures);
