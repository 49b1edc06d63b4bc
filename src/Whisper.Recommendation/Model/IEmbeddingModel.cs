namespace Whisper.Recommendation.Model;

/// <summary>
/// The serving side of the trained model: what retrieval and ranking read. Implemented by the online trainer's
/// two-tower model; readers are lock-free and may run while training writes (a read sees each row either before
/// or after an update, never a torn mix that matters for ranking).
/// </summary>
public interface IEmbeddingModel
{
    /// <summary>Vector length of the user and video towers' outputs.</summary>
    int Dimension { get; }

    /// <summary>Identifies the model build: trained-from-scratch runs and snapshots get distinct versions.</summary>
    string Version { get; }

    /// <summary>Log position (last sequence) the model has trained through.</summary>
    long Position { get; }

    /// <summary>Writes the user tower's output into <paramref name="destination"/> (length <see cref="Dimension"/>); false when the user has no admitted row and no side features to fall back on.</summary>
    bool TryGetUserVector(long userId, Span<float> destination);

    /// <summary>Writes the video tower's output (video, creator and topic embeddings combined); false when the video is unknown to the model.</summary>
    bool TryGetVideoVector(long videoId, Span<float> destination);

    /// <summary>Model score of the pair (dot product plus biases); higher is more relevant. 0 when neither side is known.</summary>
    float Score(long userId, long videoId);

    /// <summary>
    /// <see cref="Score(long, long)"/> of one user against many videos, into <paramref name="scores"/> (at least as long
    /// as <paramref name="videoIds"/>). Implementations compute the user side once; the default calls
    /// <see cref="Score(long, long)"/> per video.
    /// </summary>
    void ScoreMany(long userId, ReadOnlySpan<long> videoIds, Span<float> scores)
    {
        for (var i = 0; i < videoIds.Length; i++)
        {
            scores[i] = Score(userId, videoIds[i]);
        }
    }
}
