using System.Numerics;

namespace Whisper.Cutover.Geo;

/// <summary>
/// Turns the published rows — sorted by first address, where a later row may nest inside (or run past the end of) an
/// earlier one — into the disjoint ranges of a <see cref="RangeTable{T}"/>. The rule for an address covered by several
/// rows: the row with the greatest first address wins, and among rows with the same first address the narrowest one
/// (it comes last). That is "most specific wins" for nesting, which is how the whois data reads: a /24 reassigned to
/// another country inside a /16. Adjacent ranges of one country are merged.
/// </summary>
/// <remarks>A sweep with a stack of open rows: O(n) for sorted input. The caller (<see cref="GeoCsvReader"/>) checks the order.</remarks>
internal sealed class RangeTableBuilder<T>
    where T : unmanaged, IBinaryInteger<T>, IUnsignedNumber<T>
{
    private readonly List<(T Last, ushort Country)> _open = [];
    private readonly List<T> _firsts = [];
    private readonly List<T> _lasts = [];
    private readonly List<ushort> _countries = [];
    private T _cursor;
    private bool _started;
    private bool _cursorPastEnd;

    /// <summary>Adds the next row; rows must come in the order the reader enforces.</summary>
    public void Add(T first, T last, ushort country)
    {
        CloseBefore(first);
        _open.Add((last, country));
        _cursor = first;
        _cursorPastEnd = false;
        _started = true;
    }

    public RangeTable<T> Build()
    {
        while (_open.Count > 0)
        {
            EmitTo(_open[^1].Last, _open[^1].Country);
            _open.RemoveAt(_open.Count - 1);
        }

        return new RangeTable<T>([.. _firsts], [.. _lasts], [.. _countries]);
    }

    /// <summary>Emits what the open rows cover before <paramref name="first"/>, closing rows that end before it.</summary>
    private void CloseBefore(T first)
    {
        if (!_started)
        {
            return;
        }

        while (_open.Count > 0 && _open[^1].Last < first)
        {
            EmitTo(_open[^1].Last, _open[^1].Country);
            _open.RemoveAt(_open.Count - 1);
        }

        if (_open.Count > 0 && first > T.Zero)
        {
            EmitTo(first - T.One, _open[^1].Country);
        }
    }

    /// <summary>Emits [cursor, last] for the winning row (nothing when the cursor is already past it) and moves the cursor on.</summary>
    private void EmitTo(T last, ushort country)
    {
        if (_cursorPastEnd || _cursor > last)
        {
            return;
        }

        var count = _firsts.Count;
        if (count > 0 && _countries[count - 1] == country && _lasts[count - 1] != T.AllBitsSet && _lasts[count - 1] + T.One == _cursor)
        {
            _lasts[count - 1] = last; // contiguous with the previous range of the same country
        }
        else
        {
            _firsts.Add(_cursor);
            _lasts.Add(last);
            _countries.Add(country);
        }

        if (last == T.AllBitsSet)
        {
            _cursorPastEnd = true;
        }
        else
        {
            _cursor = last + T.One;
        }
    }
}
