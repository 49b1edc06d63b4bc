using Whisper.Recommendation.Model;

namespace Whisper.Recommendation.Tests.Candidates;

/// <summary>An <see cref="IEmbeddingModel"/> with vectors set by the test.</summary>
internal sealed class FixedEmbeddingModel(int dimension) : IEmbeddingModel
{
    private readonly Dictionary<long, float[]> _users = [];
    private readonly Dictionary<long, float[]> _videos = [];

    public int Dimension { get; } = dimension;

    public string Version => "fixed";

    public long Position => 0;

    public void SetUser(long userId, params float[] vector) => _users[userId] = vector;

    public void SetVideo(long videoId, params float[] vector) => _videos[videoId] = vector;

    public void ForgetVideo(long videoId) => _videos.Remove(videoId);

    public float[] User(long userId) => _users[userId];

    public bool TryGetUserVector(long userId, Span<float> destination) => Copy(_users, userId, destination);

    public bool TryGetVideoVector(long videoId, Span<float> destination) => Copy(_videos, videoId, destination);

    public float Score(long userId, long videoId)
    {
        if (!_users.TryGetValue(userId, out var u) || !_videos.TryGetValue(videoId, out var v))
        {
            return 0;
        }

        var sum = 0f;
        for (var i = 0; i < u.Length; i++)
        {
            sum += u[i] * v[i];
        }

        return sum;
    }

    private static bool Copy(Dictionary<long, float[]> table, long id, Span<float> destination)
    {
        if (!table.TryGetValue(id, out var vector))
        {
            return false;
        }

        vector.CopyTo(destination);
        return true;
    }
}
