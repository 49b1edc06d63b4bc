namespace Whisper.Parity.Shadow;

/// <summary>
/// The engagement that judges an answer: per user, the positives of the log in time order. The held-out positives of
/// a request are the distinct videos the user engaged with positively in [request time, request time + horizon) —
/// what the user went on to like, whichever region would have served them.
/// </summary>
public sealed class HeldOutEngagement
{
    private readonly Dictionary<long, List<(long TimeMs, long VideoId)>> _positives = [];

    public HeldOutEngagement(TimeSpan horizon)
    {
        if (horizon <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(horizon), horizon, "The held-out horizon must be positive (e.g. 1 day).");
        }

        Horizon = horizon;
    }

    public TimeSpan Horizon { get; }

    /// <summary>Positives recorded.</summary>
    public int Count { get; private set; }

    /// <summary>Records a positive; call in log order (time order per user).</summary>
    public void Add(long userId, long videoId, long timeMs)
    {
        if (!_positives.TryGetValue(userId, out var list))
        {
            _positives[userId] = list = [];
        }

        list.Add((timeMs, videoId));
        Count++;
    }

    /// <summary>The distinct videos <paramref name="userId"/> engaged with positively in [at, at + horizon), ascending.</summary>
    public long[] PositivesAfter(long userId, DateTimeOffset at)
    {
        if (!_positives.TryGetValue(userId, out var list))
        {
            return [];
        }

        var from = at.ToUnixTimeMilliseconds();
        var to = from + (long)Horizon.TotalMilliseconds;
        var found = new SortedSet<long>();
        foreach (var (time, video) in list)
        {
            if (time >= from && time < to)
            {
                found.Add(video);
            }
        }

        return [.. found];
    }
}
