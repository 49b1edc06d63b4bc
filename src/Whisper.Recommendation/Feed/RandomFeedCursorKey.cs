using System.Security.Cryptography;

namespace Whisper.Recommendation.Feed;

/// <summary>The default key: 32 random bytes per process, so cursors die with the process (one-instance deployments).</summary>
public sealed class RandomFeedCursorKey : IFeedCursorKey
{
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);

    public ReadOnlySpan<byte> Key => _key;
}
