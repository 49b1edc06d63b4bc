using System.Buffers;

using Whisper.Recommendation.Candidates;
using Whisper.Recommendation.Catalog;
using Whisper.Recommendation.Model;

namespace Whisper.Recommendation.Ranking;

/// <summary>Model scores of one request's candidates in one batch (<see cref="IEmbeddingModel.ScoreMany"/>: the user tower once).</summary>
internal static class ModelScores
{
    /// <summary>Writes <c>model.Score(userId, candidates[i].VideoId)</c> into <c>scores[i]</c>.</summary>
    public static void Fill(IEmbeddingModel model, long userId, ReadOnlySpan<Candidate> candidates, Span<float> scores) =>
        Fill(model, null, userId, candidates, scores);

    /// <summary>
    /// As <see cref="Fill(IEmbeddingModel, long, ReadOnlySpan{Candidate}, Span{float})"/>, but only the videos
    /// <paramref name="catalog"/> knows are scored (the model is never asked about the others; their score is 0).
    /// </summary>
    public static void Fill(IEmbeddingModel model, CatalogView? catalog, long userId, ReadOnlySpan<Candidate> candidates, Span<float> scores)
    {
        if (candidates.Length == 0)
        {
            return;
        }

        long[]? rented = null;
        var ids = candidates.Length <= 512 ? stackalloc long[candidates.Length] : (rented = ArrayPool<long>.Shared.Rent(candidates.Length)).AsSpan(0, candidates.Length);
        try
        {
            if (catalog is null)
            {
                for (var i = 0; i < candidates.Length; i++)
                {
                    ids[i] = candidates[i].VideoId;
                }

                model.ScoreMany(userId, ids, scores[..candidates.Length]);
                return;
            }

            // Known videos packed to the front (order kept), scored, then spread back to their slots.
            var known = 0;
            for (var i = 0; i < candidates.Length; i++)
            {
                if (catalog.TryGetVideo(candidates[i].VideoId, out _))
                {
                    ids[known++] = candidates[i].VideoId;
                }
            }

            model.ScoreMany(userId, ids[..known], scores[..known]);
            for (var i = candidates.Length - 1; i >= 0; i--)
            {
                // Walking back, slot i >= its packed index, so each packed score is read before it is overwritten.
                scores[i] = catalog.TryGetVideo(candidates[i].VideoId, out _) ? scores[--known] : 0f;
            }
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<long>.Shared.Return(rented);
            }
        }
    }
}
