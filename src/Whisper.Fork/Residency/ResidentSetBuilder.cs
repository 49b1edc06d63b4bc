using Whisper.Core.Domain;

namespace Whisper.Fork.Residency;

/// <summary>
/// Builds a <see cref="ResidentSet"/> from streams of rows without holding the rows: it keeps 8 bytes per order until
/// the users are classified, 8 bytes per travelling user, 16 + 8 per travelling creator, and a compact conflict log.
/// Feed the streams in this order (each Add may be called many times, with batches):
/// <list type="number">
/// <item><see cref="AddOrders"/> — before the first user when the policy weighs <c>billingCountry</c>, since a user's
/// orders are a signal of that user; otherwise orders may also come after all users.</item>
/// <item><see cref="AddUsers"/> — every user once; each is classified as it arrives.</item>
/// <item><see cref="AddCreators"/> — after all users (a creator travels when its user does).</item>
/// <item><see cref="AddVideos"/>, <see cref="AddFollows"/>, <see cref="AddLiveSessions"/>, <see cref="AddProducts"/> —
/// after all creators, in any order; <see cref="AddEvents(IEnumerable{EngagementEvent})"/> any time after all users.</item>
/// <item><see cref="Build"/>.</item>
/// </list>
/// A call out of order throws <see cref="InvalidOperationException"/> naming the order. Not thread-safe.
/// </summary>
public sealed partial class ResidentSetBuilder
{
    public const int DefaultConflictSampleSize = 100;

    /// <summary>User ids are packed with a 16-bit country code into one long per order, so they must stay below 2^47.</summary>
    private const long MaxPackableUserId = (1L << 47) - 1;

    private const string Sequence = "the order is: orders (when billing is a signal), users, creators, then videos, follows, live sessions, products (events any time after users), then Build";

    private readonly ResidencyClassifier _classifier;
    private readonly ResidencyPolicy _policy;
    private readonly int _sampleSize;
    private readonly bool _billingUsed;
    private Stage _stage;

    // Orders added before users: (userId << 16) | billing country code. Sorted when the first user arrives, dropped once users are frozen.
    private List<long> _pendingOrders = [];
    private long[] _ordersByUser = [];
    private ushort[] _billingScratch = new ushort[16];
    private int _orderCursor;
    private long _lastBillingUser;

    // Users.
    private readonly List<long> _travellingUsers = [];
    private bool _usersInOrder = true;
    private long[] _users = [];
    private long _userCount, _residents, _nonResidents, _conflicts, _conflictsIncluded;
    private readonly ConflictLog _conflictLog = new();
    private readonly List<ResidencyDecision> _conflictSample = [];

    private long _ordersSeen, _ordersIncluded, _eventsSeen, _eventsIncluded;

    /// <param name="classifier">The policy and geo lookup to classify users with.</param>
    /// <param name="conflictSampleSize">How many conflicts the report keeps as full decisions (all of them stay enumerable).</param>
    public ResidentSetBuilder(ResidencyClassifier classifier, int conflictSampleSize = DefaultConflictSampleSize)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        ArgumentOutOfRangeException.ThrowIfNegative(conflictSampleSize);
        _classifier = classifier;
        _policy = classifier.Policy;
        _sampleSize = conflictSampleSize;
        _billingUsed = _policy.WeightOf(ResidencySignal.BillingCountry) > 0;
    }

    private enum Stage
    {
        Orders,
        Users,
        Creators,
        Rows,
        Built,
    }

    /// <summary>Orders: their billing country is a signal of their user (add them before users), and they travel with their user.</summary>
    public ResidentSetBuilder AddOrders(IEnumerable<Order> orders)
    {
        ArgumentNullException.ThrowIfNull(orders);
        EnsureNotBuilt();
        if (_stage == Stage.Orders)
        {
            foreach (var order in orders)
            {
                if (order.UserId is < 1 or > MaxPackableUserId)
                {
                    throw new ArgumentException($"Order {order.Id} has user id {order.UserId}; user ids must be 1..{MaxPackableUserId}.", nameof(orders));
                }

                _pendingOrders.Add((order.UserId << 16) | CountryCode.Pack(order.BillingCountry));
                _ordersSeen++;
            }

            return this;
        }

        if (_billingUsed)
        {
            throw new InvalidOperationException($"Orders were added after users, but policy {_policy.Source} weighs billingCountry, a signal of each order's user: add every order before the first user ({Sequence}).");
        }

        FreezeUsers();
        foreach (var order in orders)
        {
            _ordersSeen++;
            _ordersIncluded += _policy.Related.Orders && IncludesUser(order.UserId) ? 1 : 0;
        }

        return this;
    }

    /// <summary>Classifies each user (with the billing countries of the orders added so far) and keeps the ids that travel.</summary>
    public ResidentSetBuilder AddUsers(IEnumerable<User> users)
    {
        ArgumentNullException.ThrowIfNull(users);
        EnterUsers();
        foreach (var user in users)
        {
            var codes = _classifier.Resolve(user);
            var billing = BillingOf(user.Id);
            var verdict = _classifier.Decide(codes, billing, out _, out _);
            _userCount++;
            switch (verdict)
            {
                case ResidencyVerdict.Resident:
                    _residents++;
                    break;
                case ResidencyVerdict.NonResident:
                    _nonResidents++;
                    break;
                default:
                    _conflicts++;
                    _conflictLog.Add(user.Id, codes, billing);
                    if (_conflictSample.Count < _sampleSize)
                    {
                        _conflictSample.Add(_classifier.Explain(user.Id, codes, billing));
                    }

                    break;
            }

            if (_classifier.Travels(verdict))
            {
                _conflictsIncluded += verdict == ResidencyVerdict.Conflict ? 1 : 0;
                _usersInOrder &= _travellingUsers.Count == 0 || _travellingUsers[^1] < user.Id;
                _travellingUsers.Add(user.Id);
            }
        }

        return this;
    }

    /// <summary>Counts events; an event travels when its user does (including events on videos that stay).</summary>
    public ResidentSetBuilder AddEvents(IEnumerable<EngagementEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        FreezeUsers();
        foreach (var e in events)
        {
            CountEvent(e);
        }

        return this;
    }

    /// <summary>Counts a batch of events without allocating (e.g. a generator's or log reader's buffer).</summary>
    public ResidentSetBuilder AddEventBatch(ReadOnlySpan<EngagementEvent> events)
    {
        FreezeUsers();
        foreach (ref readonly var e in events)
        {
            CountEvent(e);
        }

        return this;
    }

    private void CountEvent(in EngagementEvent e)
    {
        _eventsSeen++;
        _eventsIncluded += _policy.Related.Events && IncludesUser(e.UserId) ? 1 : 0;
    }

    private bool IncludesUser(long userId) => Array.BinarySearch(_users, userId) >= 0;

    /// <summary>The billing codes of a user's pending orders, in a reused buffer.</summary>
    private ReadOnlySpan<ushort> BillingOf(long userId)
    {
        if (!_billingUsed || _ordersByUser.Length == 0 || userId is < 1 or > MaxPackableUserId)
        {
            return [];
        }

        // Users usually arrive in id order: then the search gallops forward from the previous user's orders (a merge join
        // over sequential memory) instead of two binary searches over all orders; out of order, it starts from 0.
        var from = userId > _lastBillingUser ? _orderCursor : 0;
        var first = Seek(_ordersByUser, from, userId << 16);
        var end = Seek(_ordersByUser, first, (userId + 1) << 16);
        _orderCursor = end;
        _lastBillingUser = userId;
        var count = end - first;
        if (count > _billingScratch.Length)
        {
            _billingScratch = new ushort[Math.Max(count, _billingScratch.Length * 2)];
        }

        for (var i = 0; i < count; i++)
        {
            _billingScratch[i] = (ushort)(_ordersByUser[first + i] & 0xFFFF);
        }

        return _billingScratch.AsSpan(0, count);
    }

    /// <summary>The first index ≥ <paramref name="from"/> whose value is ≥ <paramref name="key"/>: galloping, then binary search.</summary>
    private static int Seek(long[] sorted, int from, long key)
    {
        int lo = from, hi = from, step = 1;
        while (hi < sorted.Length && sorted[hi] < key)
        {
            lo = hi + 1;
            hi = lo + step;
            step <<= 1;
        }

        hi = Math.Min(hi, sorted.Length);
        while (lo < hi)
        {
            var mid = lo + ((hi - lo) >> 1);
            if (sorted[mid] < key)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    private void EnsureNotBuilt()
    {
        if (_stage == Stage.Built)
        {
            throw new InvalidOperationException("Build was already called; start a new ResidentSetBuilder.");
        }
    }

    private void EnterUsers()
    {
        EnsureNotBuilt();
        if (_stage > Stage.Users)
        {
            throw new InvalidOperationException($"Users were added after creators, events or other rows had frozen the user set: add every user first ({Sequence}).");
        }

        if (_stage == Stage.Orders)
        {
            _ordersByUser = [.. _pendingOrders];
            _pendingOrders = [];
            Array.Sort(_ordersByUser);
            _stage = Stage.Users;
        }
    }

    /// <summary>Ends the user phase: sorts the travelling ids, checks for repeats, counts the pending orders and drops them.</summary>
    private void FreezeUsers()
    {
        EnsureNotBuilt();
        if (_stage >= Stage.Creators)
        {
            return;
        }

        EnterUsers();
        _users = [.. _travellingUsers];
        _travellingUsers.Clear();
        _travellingUsers.TrimExcess();
        if (!_usersInOrder)
        {
            Array.Sort(_users);
            for (var i = 1; i < _users.Length; i++)
            {
                if (_users[i] == _users[i - 1])
                {
                    throw new InvalidOperationException($"User {_users[i]} was added twice; add each user once.");
                }
            }
        }

        foreach (var packed in _ordersByUser)
        {
            _ordersIncluded += _policy.Related.Orders && IncludesUser(packed >> 16) ? 1 : 0;
        }

        _ordersByUser = [];
        _stage = Stage.Creators;
    }
}
