using Whisper.Core.Domain;
using Whisper.Fork.Scope;

namespace Whisper.Fork.Residency;

/// <summary>
/// The ids that travel to the policy's region, as two sorted long arrays (travelling users and creators: 8 bytes per
/// id, binary-searched), and the rules of <see cref="RelatedData"/> applied to any row. Built by
/// <see cref="ResidentSetBuilder"/>; thread-safe. It only grows: CDC <see cref="Observe(User)"/>s rows that appear
/// after it was built (ResidentSet.Changes.cs).
/// </summary>
public sealed partial class ResidentSet : IExportScope
{
    private readonly long[] _users;
    private readonly long[] _creators;
    private readonly RelatedData _related;

    internal ResidentSet(ResidencyClassifier classifier, long[] users, long[] creators, ResidencyReport report)
    {
        _classifier = classifier;
        var policy = classifier.Policy;
        Policy = policy;
        _users = users;
        _creators = creators;
        _related = policy.Related;
        Report = report;
    }

    public ResidencyPolicy Policy { get; }

    public ResidencyReport Report { get; }

    /// <summary>Travelling user ids (residents and included conflicts), ascending.</summary>
    public ReadOnlySpan<long> UserIds => _users;

    /// <summary>Travelling creator ids, ascending (empty when the policy does not move creators).</summary>
    public ReadOnlySpan<long> CreatorIds => _creators;

    public bool IncludesUser(long userId) => Array.BinarySearch(_users, userId) >= 0 || IsNewcomer(_newUsers, userId);

    public bool IncludesCreator(long creatorId) => Array.BinarySearch(_creators, creatorId) >= 0 || IsNewcomer(_newCreators, creatorId);

    public bool Includes(User user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return IncludesUser(user.Id);
    }

    public bool Includes(Creator creator)
    {
        ArgumentNullException.ThrowIfNull(creator);
        return IncludesCreator(creator.Id);
    }

    /// <summary>A video travels with its creator.</summary>
    public bool Includes(Video video)
    {
        ArgumentNullException.ThrowIfNull(video);
        return _related.Videos && IncludesCreator(video.CreatorId);
    }

    /// <summary>A live session travels with its creator.</summary>
    public bool Includes(LiveSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        return _related.LiveSessions && IncludesCreator(session.CreatorId);
    }

    /// <summary>A product travels with its creator.</summary>
    public bool Includes(Product product)
    {
        ArgumentNullException.ThrowIfNull(product);
        return _related.Products && IncludesCreator(product.CreatorId);
    }

    /// <summary>A follow travels with its follower, also when the creator stays; a non-resident's follow never travels.</summary>
    public bool Includes(Follow follow)
    {
        ArgumentNullException.ThrowIfNull(follow);
        return _related.Follows && IncludesUser(follow.FollowerId);
    }

    /// <summary>An order travels with its buyer, also when the product stays.</summary>
    public bool Includes(Order order)
    {
        ArgumentNullException.ThrowIfNull(order);
        return _related.Orders && IncludesUser(order.UserId);
    }

    /// <summary>An event travels with the user who acted; events of non-residents never do.</summary>
    public bool Includes(in EngagementEvent engagementEvent) => _related.Events && IncludesUser(engagementEvent.UserId);
}
