namespace Whisper.Parity.Explain;

/// <summary>
/// A fork that can be rebuilt with one cause set to the source's (its contract, snapshot, sessions, model or budget)
/// while everything else stays the fork's. A cause this region cannot rebuild comes back
/// <see cref="RegionRebuild.Unavailable"/> with the reason (then it is reported as detected, <c>not-ablatable</c>).
/// </summary>
public interface IRegionAblation
{
    Task<RegionRebuild> RebuildAsync(ParityCause cause, CancellationToken cancellationToken = default);
}
