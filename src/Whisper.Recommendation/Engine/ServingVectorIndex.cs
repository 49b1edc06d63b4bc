using Whisper.Recommendation.Candidates;
using Whisper.Recommendation.Model;

namespace Whisper.Recommendation.Engine;

/// <summary>
/// The video index the feed searches, and the trainer's <see cref="IVideoVectorSink"/>. It serves from an exact index
/// (built in milliseconds) until the HNSW index is ready (loaded from disk, or built in the background), then swaps.
/// While the HNSW index is not attached, changed video ids are remembered and replayed into it when it attaches, so a
/// vector the trainer changes during a background build is never left stale.
/// </summary>
public sealed class ServingVectorIndex : IVideoVectorIndex, IVideoVectorSink
{
    private readonly Lock _gate = new();
    private readonly VideoVectorIndexer _exactIndexer;
    private readonly HashSet<long> _pending = [];
    private IVideoVectorIndex _current;
    private VideoVectorIndexer? _annIndexer;
    private bool _recording = true;

    /// <param name="exact">The fallback index, kept in step with the model until the ANN index attaches.</param>
    /// <param name="model">The model whose video tower is indexed.</param>
    public ServingVectorIndex(ExactVectorIndex exact, IEmbeddingModel model)
    {
        ArgumentNullException.ThrowIfNull(exact);
        ArgumentNullException.ThrowIfNull(model);
        Exact = exact;
        Model = model;
        _exactIndexer = new VideoVectorIndexer(model, exact);
        _current = exact;
    }

    public ExactVectorIndex Exact { get; }

    public IEmbeddingModel Model { get; }

    /// <summary>The ANN index once attached; null while serving from <see cref="Exact"/>.</summary>
    public AnnIndex? Ann { get; private set; }

    public int Dimension => Exact.Dimension;

    public int Count => Volatile.Read(ref _current).Count;

    /// <summary>Video vector upserts and removals applied through the sink since start (exact and ANN together).</summary>
    public long Changes { get; private set; }

    /// <summary>Fills the exact index with every video the model knows; returns how many.</summary>
    public int IndexAllExact(IEnumerable<long> videoIds) => _exactIndexer.IndexAll(videoIds);

    /// <summary>
    /// Makes <paramref name="ann"/> (already filled: loaded, or built with <see cref="VideoVectorIndexer.IndexAll"/>)
    /// the serving index: replays the videos changed since recording started, then routes changes and searches to it.
    /// </summary>
    public void Attach(AnnIndex ann)
    {
        ArgumentNullException.ThrowIfNull(ann);
        var indexer = new VideoVectorIndexer(Model, ann);
        long[] replay;
        lock (_gate)
        {
            replay = [.. _pending];
            _pending.Clear();
            _recording = false;
            _annIndexer = indexer;
        }

        // A change that lands between the copy and here is applied twice: harmless (the latest vector is read).
        Array.Sort(replay);
        indexer.OnVideoVectorsChanged(replay);
        Ann = ann;
        Volatile.Write(ref _current, ann);
    }

    public void OnVideoVectorsChanged(ReadOnlySpan<long> videoIds)
    {
        VideoVectorIndexer? ann;
        lock (_gate)
        {
            Changes += videoIds.Length;
            if (_recording)
            {
                foreach (var id in videoIds)
                {
                    _pending.Add(id);
                }
            }

            ann = _annIndexer;
        }

        if (ann is null || ReferenceEquals(Volatile.Read(ref _current), Exact))
        {
            _exactIndexer.OnVideoVectorsChanged(videoIds);
        }

        ann?.OnVideoVectorsChanged(videoIds);
    }

    public void Upsert(long videoId, ReadOnlySpan<float> vector) =>
        throw new NotSupportedException("The serving index follows the model through the trainer's sink; write to the model, not the index.");

    public bool Remove(long videoId) =>
        throw new NotSupportedException("The serving index follows the model through the trainer's sink; write to the model, not the index.");

    public int Search(ReadOnlySpan<float> query, Span<VectorMatch> results) => Volatile.Read(ref _current).Search(query, results);
}
