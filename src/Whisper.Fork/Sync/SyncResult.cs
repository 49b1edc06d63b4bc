namespace Whisper.Fork.Sync;

/// <summary>One sync pass: what it applied and how far behind the source the target still is.</summary>
/// <param name="EventsApplied">Events appended to the target in this pass (after scoping).</param>
/// <param name="EventsSkipped">Events read but not travelling (non-residents) or already present.</param>
/// <param name="ChangesApplied">Catalog rows upserted into the target in this pass.</param>
/// <param name="EventPosition">Source event-log position now applied.</param>
/// <param name="LagEvents">Source events not yet read (source head − position) when the pass ended.</param>
/// <param name="LagChanges">Source catalog changes not yet read.</param>
/// <param name="Frozen">The target stopped following the source (cutover).</param>
public sealed record SyncResult(long EventsApplied, long EventsSkipped, long ChangesApplied, long EventPosition, long LagEvents, long LagChanges, bool Frozen);
