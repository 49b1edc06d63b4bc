using Whisper.Recommendation.Embeddings;

namespace Whisper.Recommendation.Training;

/// <summary>
/// Where sampled negatives come from: a ring of the last N videos users were exposed to (one entry per view or
/// skip), so negatives follow the exposure distribution. Its contents are a function of the log prefix and are
/// written into checkpoints (N × 8 bytes, 32 KiB by default), which is what makes a resumed run sample the same
/// negatives as an uninterrupted one.
/// </summary>
internal sealed class NegativePool
{
    private readonly long[] _ids;
    private int _count;
    private int _next;

    public NegativePool(int capacity) => _ids = new long[capacity];

    public int Capacity => _ids.Length;

    public int Count => _count;

    public void Add(long videoId)
    {
        _ids[_next] = videoId;
        _next = _next + 1 == _ids.Length ? 0 : _next + 1;
        if (_count < _ids.Length)
        {
            _count++;
        }
    }

    /// <summary>A uniformly drawn entry, or 0 when the pool is empty.</summary>
    public long Sample(ref ulong state) =>
        _count == 0 ? 0 : _ids[(int)((IdHash.Next(ref state) >> 32) % (uint)_count)];

    internal void Write(SnapshotWriter writer)
    {
        writer.WriteInt32(_ids.Length);
        writer.WriteInt32(_count);
        writer.WriteInt32(_next);
        foreach (var id in _ids)
        {
            writer.WriteInt64(id);
        }
    }

    internal void Read(SnapshotReader reader)
    {
        reader.Field = "negative pool";
        var capacity = reader.ReadInt32();
        var count = reader.ReadInt32();
        var next = reader.ReadInt32();
        if (capacity != _ids.Length || count < 0 || count > capacity || next < 0 || next >= capacity)
        {
            throw reader.Error($"negative pool header (capacity {capacity}, count {count}, next {next}) does not fit the options' pool size {_ids.Length}");
        }

        _count = count;
        _next = next;
        for (var i = 0; i < _ids.Length; i++)
        {
            _ids[i] = reader.ReadInt64();
        }
    }
}
