using System.Collections.Concurrent;

using Whisper.Core.Domain;

namespace Whisper.FeatureStore.Sessions;

/// <summary>
/// Live per-user session state: items seen this session, session watch time, the live room being watched. A session
/// runs while events keep arriving within <see cref="SessionStateOptions.Idle"/> of each other; reads and exports hold it to
/// that TTL against <see cref="TimeProvider"/>, and the live room to its own shorter TTL. Export and import
/// (<c>SessionStateStore.Transfer.cs</c>, docs/feature-store.md "Session state format") move in-flight sessions between regions
/// with their original times, so TTLs keep counting and nothing expired is carried over. Thread-safe.
/// </summary>
public sealed partial class SessionStateStore
{
    private readonly ConcurrentDictionary<long, State> _sessions = new();
    private readonly TimeProvider _time;

    public SessionStateStore(TimeProvider? time = null, SessionStateOptions? options = null)
    {
        _time = time ?? TimeProvider.System;
        Options = options ?? new SessionStateOptions();
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(Options.Idle, TimeSpan.Zero, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(Options.LiveRoomTtl, TimeSpan.Zero, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Options.MaxItems, nameof(options));
    }

    public SessionStateOptions Options { get; }

    /// <summary>Sessions held, live or not yet swept.</summary>
    public int Count => _sessions.Count;

    private long IdleMs => (long)Options.Idle.TotalMilliseconds;

    private long LiveRoomMs => (long)Options.LiveRoomTtl.TotalMilliseconds;

    private long Now => _time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>Folds one event into its user's session: impressions, views and skips add the video; views and skips add watch time.</summary>
    public void Observe(in EngagementEvent e)
    {
        if (e.Kind is not (EventKind.Impression or EventKind.View or EventKind.Skip) || e.UserId <= 0)
        {
            return;
        }

        var time = e.OccurredAt.ToUnixTimeMilliseconds();
        var state = _sessions.GetOrAdd(e.UserId, static _ => new State());
        lock (state)
        {
            Touch(state, time);
            if (e.VideoId > 0 && !state.Items.Contains(e.VideoId))
            {
                state.Items.Add(e.VideoId);
                if (state.Items.Count > Options.MaxItems)
                {
                    state.Items.RemoveAt(0);
                }
            }

            state.WatchTimeMs += e.WatchTimeMs;
        }
    }

    /// <summary>The user watches live session <paramref name="liveSessionId"/> now; call again as a heartbeat.</summary>
    public void EnterLiveRoom(long userId, long liveSessionId)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(liveSessionId);
        var now = Now;
        var state = _sessions.GetOrAdd(userId, static _ => new State());
        lock (state)
        {
            Touch(state, now);
            state.LiveRoomId = liveSessionId;
            state.LiveRoomSeenAtMs = now;
        }
    }

    public void LeaveLiveRoom(long userId)
    {
        if (_sessions.TryGetValue(userId, out var state))
        {
            lock (state)
            {
                state.LiveRoomId = 0;
                state.LiveRoomSeenAtMs = 0;
            }
        }
    }

    /// <summary>The user's live session now; false when there is none or it has been idle longer than the TTL.</summary>
    public bool TryGet(long userId, out SessionSnapshot? snapshot)
    {
        snapshot = null;
        if (!_sessions.TryGetValue(userId, out var state))
        {
            return false;
        }

        lock (state)
        {
            snapshot = Snapshot(userId, state, Now);
        }

        return snapshot is not null;
    }

    /// <summary>Drops sessions idle past the TTL (memory only: reads already ignore them). Returns how many went.</summary>
    public int Sweep()
    {
        var now = Now;
        var removed = 0;
        foreach (var (user, state) in _sessions)
        {
            bool expired;
            lock (state)
            {
                expired = now - state.LastActivityMs > IdleMs;
            }

            if (expired && _sessions.TryRemove(new KeyValuePair<long, State>(user, state)))
            {
                removed++;
            }
        }

        return removed;
    }

    private void Touch(State state, long time)
    {
        if (state.StartedAtMs == 0 || time - state.LastActivityMs > IdleMs)
        {
            // First activity, or the old session lapsed: a new session starts.
            state.StartedAtMs = time;
            state.LastActivityMs = time;
            state.Items.Clear();
            state.WatchTimeMs = 0;
            state.LiveRoomId = 0;
            state.LiveRoomSeenAtMs = 0;
        }

        state.LastActivityMs = Math.Max(state.LastActivityMs, time);
    }

    /// <summary>Null when the session is over; the live room is dropped when its presence lapsed.</summary>
    private SessionSnapshot? Snapshot(long userId, State state, long now)
    {
        if (state.StartedAtMs == 0 || now - state.LastActivityMs > IdleMs)
        {
            return null;
        }

        var roomLive = state.LiveRoomId > 0 && now - state.LiveRoomSeenAtMs <= LiveRoomMs;
        return new SessionSnapshot(
            userId,
            state.StartedAtMs,
            state.LastActivityMs,
            [.. state.Items],
            state.WatchTimeMs,
            roomLive ? state.LiveRoomId : 0,
            roomLive ? state.LiveRoomSeenAtMs : 0);
    }

    private sealed class State
    {
        public long StartedAtMs;
        public long LastActivityMs;
        public long WatchTimeMs;
        public long LiveRoomId;
        public long LiveRoomSeenAtMs;

        public List<long> Items { get; } = [];
    }
}
