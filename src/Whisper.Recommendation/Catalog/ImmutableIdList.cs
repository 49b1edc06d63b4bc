namespace Whisper.Recommendation.Catalog;

/// <summary>A sorted, de-duplicated id array replaced on write (copy-on-write), so readers never lock.</summary>
internal sealed class ImmutableIdList
{
    public static readonly ImmutableIdList Empty = new([]);

    private readonly long[] _ids;

    private ImmutableIdList(long[] ids) => _ids = ids;

    public ReadOnlySpan<long> Span => _ids;

    public ImmutableIdList With(long id)
    {
        var at = Array.BinarySearch(_ids, id);
        if (at >= 0)
        {
            return this;
        }

        at = ~at;
        var next = new long[_ids.Length + 1];
        _ids.AsSpan(0, at).CopyTo(next);
        next[at] = id;
        _ids.AsSpan(at).CopyTo(next.AsSpan(at + 1));
        return new ImmutableIdList(next);
    }

    public ImmutableIdList Without(long id)
    {
        var at = Array.BinarySearch(_ids, id);
        if (at < 0)
        {
            return this;
        }

        var next = new long[_ids.Length - 1];
        _ids.AsSpan(0, at).CopyTo(next);
        _ids.AsSpan(at + 1).CopyTo(next.AsSpan(at));
        return new ImmutableIdList(next);
    }
}
