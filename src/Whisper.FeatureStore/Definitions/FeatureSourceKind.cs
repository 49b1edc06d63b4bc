namespace Whisper.FeatureStore.Definitions;

/// <summary>Where a feature's values come from.</summary>
public enum FeatureSourceKind : byte
{
    /// <summary>An aggregation (count, sum, last) over a window of the event log, computed by the store.</summary>
    EventAggregation = 1,

    /// <summary>Values written by the owner of a table (e.g. follower counts from the catalog), with their event time.</summary>
    Table = 2,
}

/// <summary>How an event-log feature folds the events of its window.</summary>
public enum FeatureAggregation : byte
{
    /// <summary>Number of matching events in the window.</summary>
    Count = 1,

    /// <summary>Sum of <see cref="FeatureField"/> over matching events in the window.</summary>
    Sum = 2,

    /// <summary><see cref="FeatureField"/> of the latest matching event (no window: TTL alone bounds it).</summary>
    Last = 3,
}

/// <summary>The event field a <see cref="FeatureAggregation.Sum"/> or <see cref="FeatureAggregation.Last"/> reads.</summary>
public enum FeatureField : byte
{
    /// <summary>Nothing (counts).</summary>
    None = 0,

    /// <summary><c>EngagementEvent.WatchTimeMs</c>.</summary>
    WatchTimeMs = 1,

    /// <summary><c>EngagementEvent.VideoId</c>.</summary>
    VideoId = 2,
}
