namespace Whisper.Evaluation.Splits;

/// <summary>(user, item) pairs packed into one long (user in the high half) so a plain sort groups and orders them.</summary>
internal static class UserItemPairs
{
    public static long Pack(int user, int item) => ((long)user << 32) | (uint)item;

    public static int User(long pair) => (int)(pair >> 32);

    public static int Item(long pair) => (int)(pair & 0xFFFF_FFFF);

    /// <summary>Sorts and de-duplicates <paramref name="pairs"/> in place; returns the distinct count.</summary>
    public static int SortDistinct(Span<long> pairs)
    {
        pairs.Sort();
        var n = 0;
        for (var i = 0; i < pairs.Length; i++)
        {
            if (n == 0 || pairs[i] != pairs[n - 1])
            {
                pairs[n++] = pairs[i];
            }
        }

        return n;
    }

    /// <summary>Builds CSR rows (offsets per user, items ascending) from sorted distinct pairs.</summary>
    public static (int[] Offsets, int[] Items) ToRows(ReadOnlySpan<long> sortedDistinct, int userCount)
    {
        var offsets = new int[userCount + 1];
        var items = new int[sortedDistinct.Length];
        for (var i = 0; i < sortedDistinct.Length; i++)
        {
            offsets[User(sortedDistinct[i]) + 1]++;
            items[i] = Item(sortedDistinct[i]);
        }

        for (var u = 0; u < userCount; u++)
        {
            offsets[u + 1] += offsets[u];
        }

        return (offsets, items);
    }
}
