namespace Whisper.Storage;

/// <summary>
/// Removes people from a store (the origin purge after a fork's cutover, docs/purge.md). Every call is one
/// transaction: all of its rows go, or none does. Deleting a catalog row appends one <see cref="CatalogChange"/> naming
/// it, in the same transaction, so a CDC reader that reads the row's current state and finds none learns the deletion.
/// Both providers' stores implement it; reach it with <see cref="WhisperStores.EraserOf"/>.
/// </summary>
public interface IStoreEraser
{
    /// <summary>
    /// Deletes, in one transaction: the users' rows; the creators' rows; follows whose follower is one of the users
    /// (<see cref="ErasureRules.Follows"/>) and every follow of one of the creators (an edge to a profile that no
    /// longer exists); the users' orders (<see cref="ErasureRules.Orders"/>); and the creators' videos, live sessions
    /// and products (per <paramref name="rules"/>). Ids that match nothing are ignored, so a repeated call deletes
    /// nothing more and returns zeros.
    /// </summary>
    /// <exception cref="ArgumentException">More than <see cref="MaxIdsPerCall"/> ids in one list, or an id that is not positive.</exception>
    Task<CatalogErasure> EraseCatalogAsync(IReadOnlyList<long> userIds, IReadOnlyList<long> creatorIds, ErasureRules rules, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes the events of <paramref name="userIds"/> with sequence in (<paramref name="afterSequence"/>,
    /// <paramref name="upToSequence"/>], in one transaction, and returns how many. The head never moves back: when the
    /// highest stored event is deleted, its sequence is kept as the log's floor, so new events still number above it
    /// and a reader's position stays valid. Sequences of the events left are unchanged (the log then has gaps).
    /// </summary>
    /// <exception cref="ArgumentException">An id that is not positive, or a window with <paramref name="upToSequence"/> below <paramref name="afterSequence"/>.</exception>
    Task<long> EraseEventsAsync(IReadOnlyList<long> userIds, long afterSequence, long upToSequence, CancellationToken cancellationToken = default);

    /// <summary>Most ids in one list of <see cref="EraseCatalogAsync"/>: callers batch, so one transaction stays small.</summary>
    public const int MaxIdsPerCall = 10_000;
}

/// <summary>Which rows related to erased users and creators go with them (mirrors the residency policy's "related" flags).</summary>
public sealed record ErasureRules(bool Follows, bool Orders, bool Videos, bool LiveSessions, bool Products)
{
    public static ErasureRules All { get; } = new(true, true, true, true, true);
}

/// <summary>Rows one <see cref="IStoreEraser.EraseCatalogAsync"/> deleted, per table.</summary>
public readonly record struct CatalogErasure(long Users, long Creators, long Videos, long Follows, long LiveSessions, long Products, long Orders)
{
    public long Total => Users + Creators + Videos + Follows + LiveSessions + Products + Orders;
}
