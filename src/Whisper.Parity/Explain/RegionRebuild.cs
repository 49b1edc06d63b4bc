using Whisper.Parity.Shadow;

namespace Whisper.Parity.Explain;

/// <summary>
/// What <see cref="IRegionAblation.RebuildAsync"/> gives back: the fork rebuilt with one cause from the source, or why
/// that cause cannot be rebuilt in process (one sentence, reported as <c>not-ablatable</c>). A rebuilt region that is
/// <see cref="IAsyncDisposable"/> is disposed once measured.
/// </summary>
public sealed record RegionRebuild
{
    private RegionRebuild(IFeedRegion? region, string? notAblatable)
    {
        Region = region;
        NotAblatable = notAblatable;
    }

    public IFeedRegion? Region { get; }

    public string? NotAblatable { get; }

    public static RegionRebuild Of(IFeedRegion region) => new(region ?? throw new ArgumentNullException(nameof(region)), null);

    public static RegionRebuild Unavailable(string reason) =>
        new(null, string.IsNullOrWhiteSpace(reason) ? throw new ArgumentException("say why the cause cannot be rebuilt.", nameof(reason)) : reason);
}
