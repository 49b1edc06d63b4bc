using System.Numerics;

namespace Whisper.Cutover.Geo;

/// <summary>
/// Disjoint, sorted, inclusive address ranges in three parallel arrays (first, last, packed country): a lookup is one
/// binary search over <see cref="_firsts"/> — O(log n), about 19 probes for the 334 k IPv4 rows — and allocates nothing.
/// Immutable once built; <see cref="RangeTableBuilder{T}"/> makes one.
/// </summary>
/// <typeparam name="T"><see cref="uint"/> for IPv4, <see cref="UInt128"/> for IPv6.</typeparam>
public sealed class RangeTable<T>
    where T : unmanaged, IBinaryInteger<T>, IUnsignedNumber<T>
{
    private readonly T[] _firsts;
    private readonly T[] _lasts;
    private readonly ushort[] _countries;

    internal RangeTable(T[] firsts, T[] lasts, ushort[] countries)
    {
        _firsts = firsts;
        _lasts = lasts;
        _countries = countries;
    }

    /// <summary>Ranges held (after nested ranges were split and neighbours of one country merged).</summary>
    public int Count => _firsts.Length;

    /// <summary>The packed country of the range holding <paramref name="address"/>; false when none does.</summary>
    public bool TryFind(T address, out ushort country)
    {
        var index = _firsts.AsSpan().BinarySearch(address);
        if (index < 0)
        {
            index = ~index - 1; // the last range starting before the address
        }

        if (index >= 0 && address <= _lasts[index])
        {
            country = _countries[index];
            return true;
        }

        country = 0;
        return false;
    }
}
