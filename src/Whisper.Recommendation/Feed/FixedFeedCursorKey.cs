namespace Whisper.Recommendation.Feed;

/// <summary>A key supplied by the host (from a secret store), shared by every instance of a region.</summary>
public sealed class FixedFeedCursorKey : IFeedCursorKey
{
    private readonly byte[] _key;

    public FixedFeedCursorKey(ReadOnlySpan<byte> key)
    {
        if (key.Length < 32)
        {
            throw new ArgumentException($"A cursor key needs at least 32 bytes; got {key.Length}.", nameof(key));
        }

        _key = key.ToArray();
    }

    public ReadOnlySpan<byte> Key => _key;
}
