using Whisper.Recommendation.Model;

namespace Whisper.Recommendation.Tests.Feed;

/// <summary>An embedding model from a score function: users in <c>knownUsers</c> have a (constant) vector; others are cold.</summary>
public sealed class FakeEmbeddingModel(Func<long, long, float> score, Func<long, bool> knowsUser, string version = "fake-1") : IEmbeddingModel
{
    public int Dimension => 4;

    public string Version => version;

    public long Position => 0;

    public bool TryGetUserVector(long userId, Span<float> destination)
    {
        if (!knowsUser(userId))
        {
            return false;
        }

        destination[..Dimension].Fill(0.5f);
        return true;
    }

    public bool TryGetVideoVector(long videoId, Span<float> destination)
    {
        destination[..Dimension].Fill(0.5f);
        return true;
    }

    public float Score(long userId, long videoId) => knowsUser(userId) ? score(userId, videoId) : 0;
}
