using Whisper.Core.Domain;

namespace Whisper.Fork.Scope;

/// <summary>
/// Which rows leave the source: export, verification and CDC ask it row by row, so all three agree on exactly
/// the same set. <see cref="ResidentScope"/> answers for a residency policy; <see cref="WholeStoreScope"/> takes everything.
/// </summary>
public interface IExportScope
{
    /// <summary>
    /// The catalog-change position the scope's knowledge dates from: it was built from rows read after this position,
    /// so a change after it may be unknown to it. An export's snapshot never starts later than this, so CDC replays
    /// (and <see cref="Observe(User)"/>s) every such change.
    /// </summary>
    long KnownChangePosition { get; }

    bool Includes(User user);

    /// <summary>Whether the user with this id travels (what a model's per-user rows are filtered by).</summary>
    bool IncludesUser(long userId);

    bool Includes(Creator creator);

    bool Includes(Video video);

    bool Includes(Follow follow);

    bool Includes(LiveSession session);

    bool Includes(Product product);

    bool Includes(Order order);

    bool Includes(in EngagementEvent engagementEvent);

    /// <summary>Learns a user that appeared after the scope was built (CDC sees sign-ups before their events).</summary>
    void Observe(User user);

    /// <summary>Learns a creator that appeared after the scope was built.</summary>
    void Observe(Creator creator);
}
