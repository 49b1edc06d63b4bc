using Whisper.Recommendation.Embeddings;

namespace Whisper.Recommendation.Training;

/// <summary>
/// Where sampled negatives come from: a ring of the last N videos users were exposed to (one entry per view or
/// skip), so negatives follow the exposure distribution. Its contents are a function of the log prefix and are
/// written into checkpoints (N × 8 bytes, 32 KiB by default), which is what makes a resumed run sample the same
/// negatives as an uninterrupted one.
/// <para>
/// With <see cref="Model.NegativeSampling.Uniform"/> it also keeps every distinct video ever exposed, in order of first
/// exposure (also a function of the log prefix, also checkpointed), and draws uniformly from those instead: BPR-MF's
/// uniform negatives, which do not push popular videos down the way exposure-distributed negatives do.
/// </para>
/// </summary>
internal sealed class NegativePool
{
    private readonly long[] _ids;
    private int _count;
    private int _next;
    private readonly List<long>? _distinct;
    private readonly HashSet<long>? _seen;

    public NegativePool(int capacity, bool uniform = false)
    {
        _ids = new long[capacity];
        if (uniform)
        {
            _distinct = [];
            _seen = [];
        }
    }

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

        if (_seen is not null && _seen.Add(videoId))
        {
            _distinct!.Add(videoId);
        }
    }

    /// <summary>A uniformly drawn entry (uniform mode: a uniformly drawn distinct video), or 0 when the pool is empty.</summary>
    public long Sample(ref ulong state)
    {
        if (_distinct is not null)
        {
            return _distinct.Count == 0 ? 0 : _distinct[(int)((IdHash.Next(ref state) >> 32) % (uint)_distinct.Count)];
        }

        return _count == 0 ? 0 : _ids[(int)((IdHash.Next(ref state) >> 32) % (uint)_count)];
    }

    internal void Write(SnapshotWriter writer)
    {
        writer.WriteInt32(_ids.Length);
        writer.WriteInt32(_count);
        writer.WriteInt32(_next);
        foreach (var id in _ids)
        {
            writer.WriteInt64(id);
        }

        writer.WriteInt32(_distinct?.Count ?? 0);
        if (_distinct is not null)
        {
            foreach (var id in _distinct)
            {
                writer.WriteInt64(id);
            }
        }
    }

    /// <summary>Reads the pool; <paramref name="withDistinct"/> is false for version-2 checkpoints, which lack the distinct list.</summary>
    internal void Read(SnapshotReader reader, bool withDistinct = true)
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

        if (!withDistinct)
        {
            return;
        }

        var distinct = reader.ReadInt32();
        if (distinct < 0 || (_distinct is null && distinct != 0))
        {
            throw reader.Error($"{distinct} distinct negative-pool videos do not fit the options' negative sampling");
        }

        for (var i = 0; i < distinct; i++)
        {
            var id = reader.ReadInt64();
            if (!_seen!.Add(id))
            {
                throw reader.Error($"video {id} repeats in the distinct negative-pool list");
            }

            _distinct!.Add(id);
        }
    }
}
