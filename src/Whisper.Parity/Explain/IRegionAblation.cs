using Whisper.Parity.Shadow;

namespace Whisper.Parity.Explain;

/// <summary>
/// A fork that can be rebuilt with one cause set to the source's (its contract, snapshot, sessions, model or budget)
/// while everything else stays the fork's. Returns null when this region cannot rebuild that part (then the cause is
/// reported as detected but not measured).
/// </summary>
public interface IRegionAblation
{
    Task<IFeedRegion?> RebuildAsync(ParityCause cause, CancellationToken cancellationToken = default);
}
