namespace Whisper.Parity.Shadow;

/// <summary>
/// One region as the shadow runner sees it: asked for a user's feed, it answers with the ranked videos (never shown to
/// a user), how long it took and, instead of throwing, the error when it could not answer. Adapters: in process over a
/// <see cref="Whisper.Recommendation.Feed.FeedService"/> (<see cref="FeedServiceRegion"/>), over HTTP (the CLI's), and
/// a simulated lab region (<see cref="Simulation.SimulatedRegion"/>).
/// </summary>
public interface IFeedRegion
{
    string Name { get; }

    Task<RegionAnswer> GetFeedAsync(ShadowRequest request, CancellationToken cancellationToken = default);
}
