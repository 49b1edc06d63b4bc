using System.Collections.Concurrent;

using Whisper.Core.Domain;

namespace Whisper.Recommendation.Feed;

/// <summary>
/// Per-user serving memory: a ring of the last <c>capacity</c> served video ids and the last page (for retries).
/// Bounded: at most <c>maxUsers</c> users; past that the least recently seen tenth is dropped (an O(n log n) sweep,
/// amortised over n/10 new users). Worst case ≈ <see cref="FeedOptions.EstimatedBytesPerUser"/> × maxUsers.
/// </summary>
internal sealed class FeedSessionStore(int capacity, int maxUsers)
{
    private readonly ConcurrentDictionary<long, UserFeedState> _users = new();
    private readonly Lock _sweep = new();

    public int Count => _users.Count;

    public UserFeedState Get(long userId, long nowMs)
    {
        var state = _users.GetOrAdd(userId, static (_, capacity) => new UserFeedState(capacity), capacity);
        Volatile.Write(ref state.LastSeenMs, nowMs);
        if (_users.Count > maxUsers && _sweep.TryEnter())
        {
            try
            {
                Evict(userId);
            }
            finally
            {
                _sweep.Exit();
            }
        }

        return state;
    }

    private void Evict(long keep)
    {
        var snapshot = _users.ToArray();
        var excess = snapshot.Length - maxUsers + Math.Max(1, maxUsers / 10);
        if (excess <= 0)
        {
            return;
        }

        var seen = new long[snapshot.Length];
        for (var i = 0; i < snapshot.Length; i++)
        {
            seen[i] = Volatile.Read(ref snapshot[i].Value.LastSeenMs);
        }

        Array.Sort(seen, snapshot);
        for (var i = 0; i < snapshot.Length && excess > 0; i++)
        {
            if (snapshot[i].Key != keep && _users.TryRemove(snapshot[i]))
            {
                excess--;
            }
        }
    }
}

/// <summary>One user's ring and last page; guard every access with <see cref="Gate"/>.</summary>
internal sealed class UserFeedState(int capacity)
{
    public readonly Lock Gate = new();
    public long LastSeenMs;
    private readonly long[] _ring = new long[capacity];
    private int _next;
    private int _count;

    /// <summary>The request the last page answered: its cursor ("" for a first page) and when.</summary>
    public string? LastRequestKey { get; set; }

    public long LastRequestAtMs { get; set; }

    public int LastCount { get; set; }

    public FeedPage? LastPage { get; set; }

    public EngagementEvent[] LastImpressions { get; set; } = [];

    public void CopyServedTo(HashSet<long> into)
    {
        for (var i = 0; i < _count; i++)
        {
            into.Add(_ring[i]);
        }
    }

    public void AddServed(long videoId)
    {
        if (_ring.Length == 0)
        {
            return;
        }

        _ring[_next] = videoId;
        _next = (_next + 1) % _ring.Length;
        _count = Math.Min(_count + 1, _ring.Length);
    }
}
