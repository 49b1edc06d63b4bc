using Whisper.FeatureStore.Definitions;

namespace Whisper.FeatureStore.Sessions;

/// <summary>Session TTLs. The defaults match the registry's session features (<see cref="DefaultFeatures"/>).</summary>
public sealed record SessionStateOptions
{
    /// <summary>A session ends after this long without activity; age == Idle is still live.</summary>
    public TimeSpan Idle { get; init; } = DefaultFeatures.SessionIdle;

    /// <summary>A live-room presence lapses this long after its last heartbeat.</summary>
    public TimeSpan LiveRoomTtl { get; init; } = DefaultFeatures.LiveRoomTtl;

    /// <summary>Items remembered per session (the oldest are dropped): 500 ids ≈ 4 KB per user.</summary>
    public int MaxItems { get; init; } = 500;

    /// <summary>Options whose TTLs come from a registry's <c>session_items_seen</c> and <c>session_live_room</c> features, when defined.</summary>
    public static SessionStateOptions FromRegistry(FeatureRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var options = new SessionStateOptions();
        if (registry.TryGetId("session_items_seen", out var items))
        {
            options = options with { Idle = registry[items].Ttl };
        }

        if (registry.TryGetId("session_live_room", out var room))
        {
            options = options with { LiveRoomTtl = registry[room].Ttl };
        }

        return options;
    }
}
