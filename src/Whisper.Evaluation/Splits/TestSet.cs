namespace Whisper.Evaluation.Splits;

/// <summary>
/// The test side of a split: the users evaluated (ascending dense indexes) and, for each, the relevant items
/// (distinct, ascending, never one of the user's training positives). Every test user has at least one relevant item
/// and at least one training positive.
/// </summary>
public sealed class TestSet
{
    private readonly int[] _users;
    private readonly int[] _offsets;
    private readonly int[] _items;

    internal TestSet(int[] users, int[] offsets, int[] items)
    {
        _users = users;
        _offsets = offsets;
        _items = items;
    }

    public int UserCount => _users.Length;

    public ReadOnlySpan<int> Users => _users;

    public int RelevantPairCount => _items.Length;

    /// <summary>Relevant items of the test user at <paramref name="position"/> in <see cref="Users"/>, ascending.</summary>
    public ReadOnlySpan<int> RelevantAt(int position) => _items.AsSpan(_offsets[position], _offsets[position + 1] - _offsets[position]);

    /// <summary>Builds a test set from sorted distinct (user, item) pairs: one row per user that has any.</summary>
    internal static TestSet FromSortedPairs(ReadOnlySpan<long> pairs)
    {
        var users = new List<int>();
        var offsets = new List<int> { 0 };
        var items = new int[pairs.Length];
        for (var i = 0; i < pairs.Length; i++)
        {
            var user = UserItemPairs.User(pairs[i]);
            if (users.Count == 0 || users[^1] != user)
            {
                if (users.Count > 0)
                {
                    offsets.Add(i);
                }

                users.Add(user);
            }

            items[i] = UserItemPairs.Item(pairs[i]);
        }

        if (users.Count > 0)
        {
            offsets.Add(pairs.Length);
        }

        return new TestSet([.. users], [.. offsets], items);
    }

    /// <summary>
    /// At most <paramref name="maxUsers"/> users, chosen by a seeded hash of the user index (so the choice does not
    /// depend on thread count or order), kept in ascending order.
    /// </summary>
    public TestSet Sample(int maxUsers, long seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxUsers);
        if (maxUsers >= _users.Length)
        {
            return this;
        }

        var keys = new ulong[_users.Length];
        var positions = new int[_users.Length];
        for (var p = 0; p < _users.Length; p++)
        {
            keys[p] = SplitMix64.Mix((ulong)seed ^ ((ulong)_users[p] * 0x9E37_79B9_7F4A_7C15UL));
            positions[p] = p;
        }

        Array.Sort(keys, positions);
        var chosen = positions.AsSpan(0, maxUsers);
        chosen.Sort();
        var users = new int[maxUsers];
        var offsets = new int[maxUsers + 1];
        var items = new List<int>();
        for (var i = 0; i < maxUsers; i++)
        {
            users[i] = _users[chosen[i]];
            items.AddRange(RelevantAt(chosen[i]));
            offsets[i + 1] = items.Count;
        }

        return new TestSet(users, offsets, [.. items]);
    }
}
