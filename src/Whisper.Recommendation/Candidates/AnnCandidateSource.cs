using System.Buffers;

using Whisper.Recommendation.Catalog;

namespace Whisper.Recommendation.Candidates;

/// <summary>
/// Personalised retrieval: the videos whose vectors have the highest dot product with <see cref="FeedRequest.UserVector"/>.
/// Asks the index for the budget plus room for recently served and blocked videos (capped at
/// <see cref="MaxOverFetch"/>), then drops those. No user vector (cold start) or a vector of the wrong length gives
/// no candidates; the source set fills the feed from trending and fresh instead.
/// </summary>
public sealed class AnnCandidateSource : ICandidateSource
{
    /// <summary>Most extra results fetched to make up for filtered ones.</summary>
    public const int MaxOverFetch = 256;

    private readonly IVideoVectorIndex _index;
    private readonly CatalogView _catalog;

    public AnnCandidateSource(IVideoVectorIndex index, CatalogView catalog)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(catalog);
        _index = index;
        _catalog = catalog;
    }

    public CandidateOrigin Origin => CandidateOrigin.Ann;

    public void Collect(FeedRequest request, int budget, List<Candidate> into)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(into);
        if (budget <= 0 || request.UserVector.Length == 0 || request.UserVector.Length != _index.Dimension || _index.Count == 0)
        {
            return;
        }

        var extra = request.RecentlyServed.Count + (request.BlockedCreators.Count > 0 ? budget : 0);
        var k = budget + Math.Min(extra, MaxOverFetch);
        var matches = ArrayPool<VectorMatch>.Shared.Rent(k);
        try
        {
            var found = _index.Search(request.UserVector, matches.AsSpan(0, k));
            var added = 0;
            for (var i = 0; i < found && added < budget; i++)
            {
                var match = matches[i];
                if (request.RecentlyServed.Contains(match.VideoId)
                    || (request.BlockedCreators.Count > 0 && _catalog.TryGetVideo(match.VideoId, out var video) && request.BlockedCreators.Contains(video.CreatorId)))
                {
                    continue;
                }

                into.Add(new Candidate(match.VideoId, match.Score, CandidateOrigin.Ann));
                added++;
            }
        }
        finally
        {
            ArrayPool<VectorMatch>.Shared.Return(matches);
        }
    }
}
