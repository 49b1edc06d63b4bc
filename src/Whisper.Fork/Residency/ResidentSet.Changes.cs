using System.Collections.Concurrent;

using Whisper.Core.Domain;

namespace Whisper.Fork.Residency;

/// <summary>
/// The part of a resident set that grows during CDC: users who sign up and creators who appear after the set was
/// built are classified by the same policy (a sign-up has no orders yet, so billing does not vote) and, when they
/// travel, join the set. The sorted arrays stay untouched; newcomers live in small concurrent sets checked only
/// when non-empty, so the export's hot path is unchanged.
/// </summary>
public sealed partial class ResidentSet
{
    private readonly ResidencyClassifier _classifier;
    private readonly ConcurrentDictionary<long, byte> _newUsers = new();
    private readonly ConcurrentDictionary<long, byte> _newCreators = new();
    private volatile int _newcomers;

    /// <inheritdoc />
    /// <remarks>0 unless set by whoever read the rows (<see cref="Scope.ResidentSets.BuildAsync"/>): replaying every change is always safe.</remarks>
    public long KnownChangePosition { get; internal set; }

    /// <summary>Users who joined after the set was built.</summary>
    public int NewUsers => _newUsers.Count;

    public void Observe(User user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!IncludesUser(user.Id) && _classifier.Classify(user).Travels && _newUsers.TryAdd(user.Id, 0))
        {
            _newcomers++;
        }
    }

    public void Observe(Creator creator)
    {
        ArgumentNullException.ThrowIfNull(creator);
        if (_related.Creators && !IncludesCreator(creator.Id) && IncludesUser(creator.UserId) && _newCreators.TryAdd(creator.Id, 0))
        {
            _newcomers++;
        }
    }

    private bool IsNewcomer(ConcurrentDictionary<long, byte> set, long id) => _newcomers > 0 && set.ContainsKey(id);
}
