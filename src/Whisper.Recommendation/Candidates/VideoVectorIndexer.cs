using Whisper.Recommendation.Model;

namespace Whisper.Recommendation.Candidates;

/// <summary>
/// Keeps an <see cref="IVideoVectorIndex"/> equal to the model's video tower: <see cref="IndexAll"/> loads every video
/// the model knows at start, and as the model's <see cref="IVideoVectorSink"/> it re-reads and re-inserts each video the
/// trainer changed (no rebuild), or removes it when the model no longer knows it. The trainer takes its sink before
/// it creates the model, so the model can be bound afterwards:
/// <code>
/// var indexer = new VideoVectorIndexer(ann);
/// var trainer = new OnlineTrainer(log, catalog, options, sink: indexer);
/// indexer.Bind(trainer.Model);
/// indexer.IndexAll(catalog.VideoIds);
/// </code>
/// Notifications before <see cref="Bind"/> are ignored: <see cref="IndexAll"/> reads the latest vectors anyway.
/// </summary>
public sealed class VideoVectorIndexer : IVideoVectorSink
{
    private const int StackLimit = 512;
    private readonly IVideoVectorIndex _index;
    private IEmbeddingModel? _model;
    private long _upserts;
    private long _removals;
    private long _rejected;

    /// <summary>An indexer whose model is bound later with <see cref="Bind"/>.</summary>
    public VideoVectorIndexer(IVideoVectorIndex index)
    {
        ArgumentNullException.ThrowIfNull(index);
        _index = index;
    }

    public VideoVectorIndexer(IEmbeddingModel model, IVideoVectorIndex index)
        : this(index)
    {
        Bind(model);
    }

    /// <summary>Sets the model whose video vectors are indexed; once.</summary>
    public void Bind(IEmbeddingModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model.Dimension != _index.Dimension)
        {
            throw new ArgumentException($"The model's vectors have {model.Dimension} values but the index holds {_index.Dimension}; create the index with the model's Dimension.", nameof(model));
        }

        if (Interlocked.CompareExchange(ref _model, model, null) is not null)
        {
            throw new InvalidOperationException("This indexer is already bound to a model; create one indexer (and index) per model.");
        }
    }

    /// <summary>Vectors inserted or replaced so far.</summary>
    public long Upserts => Interlocked.Read(ref _upserts);

    /// <summary>Videos removed because the model stopped knowing them.</summary>
    public long Removals => Interlocked.Read(ref _removals);

    /// <summary>Vectors refused because they held NaN or infinity (the video is left out of the index).</summary>
    public long Rejected => Interlocked.Read(ref _rejected);

    /// <summary>Indexes every video in <paramref name="videoIds"/> that the model knows (e.g. <c>CatalogView.VideoIds</c>); returns how many.</summary>
    public int IndexAll(IEnumerable<long> videoIds)
    {
        ArgumentNullException.ThrowIfNull(videoIds);
        var model = Volatile.Read(ref _model) ?? throw new InvalidOperationException("Bind the model before IndexAll.");
        var vector = new float[model.Dimension];
        var indexed = 0;
        foreach (var videoId in videoIds)
        {
            if (Refresh(model, videoId, vector))
            {
                indexed++;
            }
        }

        return indexed;
    }

    public void OnVideoVectorsChanged(ReadOnlySpan<long> videoIds)
    {
        var model = Volatile.Read(ref _model);
        if (model is null)
        {
            return;
        }

        Span<float> vector = model.Dimension <= StackLimit ? stackalloc float[model.Dimension] : new float[model.Dimension];
        foreach (var videoId in videoIds)
        {
            Refresh(model, videoId, vector);
        }
    }

    private bool Refresh(IEmbeddingModel model, long videoId, Span<float> vector)
    {
        if (videoId >= 0 && model.TryGetVideoVector(videoId, vector))
        {
            if (VectorDot.AllFinite(vector))
            {
                _index.Upsert(videoId, vector);
                Interlocked.Increment(ref _upserts);
                return true;
            }

            Interlocked.Increment(ref _rejected);
        }

        if (_index.Remove(videoId))
        {
            Interlocked.Increment(ref _removals);
        }

        return false;
    }
}
