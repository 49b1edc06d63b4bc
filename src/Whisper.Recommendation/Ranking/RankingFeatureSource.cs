using Whisper.Recommendation.Candidates;
using Whisper.Recommendation.Model;

using CatalogView = Whisper.Recommendation.Catalog.CatalogView;

namespace Whisper.Recommendation.Ranking;

/// <summary>Serving-side feature assembly: catalog facts, the model's score, live counters, the request's time and region.</summary>
public sealed class RankingFeatureSource(CatalogView catalog, IEmbeddingModel model, EngagementCounters counters)
{
    public CatalogView Catalog { get; } = catalog ?? throw new ArgumentNullException(nameof(catalog));

    public IEmbeddingModel Model { get; } = model ?? throw new ArgumentNullException(nameof(model));

    public EngagementCounters Counters { get; } = counters ?? throw new ArgumentNullException(nameof(counters));

    /// <summary>Writes the features of <paramref name="candidate"/>; false (row cleared) when the catalog does not know the video.</summary>
    public bool TryWrite(FeedRequest request, in Candidate candidate, Span<float> row)
    {
        ArgumentNullException.ThrowIfNull(request);
        return TryWrite(request, candidate, Model.Score(request.UserId, candidate.VideoId), row);
    }

    /// <summary>
    /// <see cref="TryWrite(FeedRequest, in Candidate, Span{float})"/> with the pair's model score already computed
    /// (by <see cref="IEmbeddingModel.ScoreMany"/> for the whole request).
    /// </summary>
    public bool TryWrite(FeedRequest request, in Candidate candidate, float modelScore, Span<float> row)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!Catalog.TryGetVideo(candidate.VideoId, out var video))
        {
            row[..RankingFeatures.Count].Clear();
            return false;
        }

        var follows = Catalog.FollowedCreators(request.UserId).BinarySearch(video.CreatorId) >= 0;
        RankingFeatures.Write(row, modelScore, candidate.Origin, candidate.SourceScore, video,
            request.Now.ToUnixTimeMilliseconds(), follows, request.Region, Counters.Video(video.Id), Counters.Creator(video.CreatorId));
        return true;
    }
}
