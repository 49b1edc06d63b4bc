namespace Whisper.Parity.Explain;

/// <summary>
/// One ablation: the fork rebuilt with <see cref="Cause"/> set to the source's, re-measured on the same requests.
/// <see cref="Recovered"/> = (metric after − fork's) / (source's − fork's): the share of the loss that cause explains
/// (may exceed 1 or go below 0 when causes interact). Null metric values: the region could not be rebuilt, and
/// <see cref="NotAblatable"/> says why when the region said.
/// </summary>
public sealed record CauseAttribution(ParityCause Cause, string Evidence, double? Ndcg10After, double? Rbo10After, double? Recovered, string? NotAblatable = null);
