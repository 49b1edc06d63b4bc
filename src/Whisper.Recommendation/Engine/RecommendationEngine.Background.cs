using System.Globalization;

using Whisper.Recommendation.Candidates;
using Whisper.Recommendation.Ranking;

namespace Whisper.Recommendation.Engine;

public sealed partial class RecommendationEngine
{
    private const string AnnPrefix = "ann-";

    private string? AnnPath(long position, int dimension) => _options.Trainer.CheckpointDirectory is { } directory
        ? Path.Combine(directory, string.Create(CultureInfo.InvariantCulture, $"{AnnPrefix}{position:D20}-d{dimension}.usearch"))
        : null;

    /// <summary>Loads the HNSW index saved at the trainer's resumed position, or plans a background build.</summary>
    private void LoadOrPlanAnn(int dimension)
    {
        if (!_options.UseAnn)
        {
            AnnSource = "off";
            return;
        }

        // A saved index is derived data nobody approved: under attestation it is rebuilt from the approved model.
        if (AnnPath(Trainer.Position, dimension) is { } path && Trainer.ResumedFrom is not null && AttestedModel is null && File.Exists(path))
        {
            try
            {
                // Attached after the catch-up: the videos it changes are recorded by the serving index and replayed then.
                _loadedAnn = AnnIndex.Load(path, dimension, _options.Ann);
                AnnSource = "loaded";
                return;
            }
#pragma warning disable CA1031 // A torn or foreign file only costs a rebuild.
            catch (Exception)
#pragma warning restore CA1031
            {
                AnnSource = "building";
            }
        }

        AnnSource = "building";
        _annNeedsBuild = true;
    }

    private void AttachLoadedAnn()
    {
        if (_loadedAnn is { } ann)
        {
            _loadedAnn = null;
            Index.Attach(ann);
            _annReady.TrySetResult();
        }
    }

    /// <summary>
    /// Builds the HNSW index one vector at a time (USearch concurrent adds can strand nodes, issue #735), while the feed
    /// serves from the exact index; changes the trainer makes meanwhile are replayed when it attaches.
    /// </summary>
    private void BuildAnn(CancellationToken stop)
    {
        var videos = Catalog.VideoIds.ToArray();
        var options = _options.Ann.Space == AnnSearchSpace.L2Transform ? _options.Ann with { MaxNorm = MaxNormFor(videos) } : _options.Ann;
        var ann = new AnnIndex(Index.Dimension, options);
        try
        {
            var indexer = new VideoVectorIndexer(Trainer.Model, ann);
            const int Chunk = 4096;
            for (var i = 0; i < videos.Length; i += Chunk)
            {
                stop.ThrowIfCancellationRequested();
                indexer.IndexAll(new ArraySegment<long>(videos, i, Math.Min(Chunk, videos.Length - i)));
            }

            Index.Attach(ann);
            AnnSource = "built";
            _annReady.TrySetResult();
        }
        catch (OperationCanceledException)
        {
            ann.Dispose();
            _annReady.TrySetCanceled(stop);
        }
#pragma warning disable CA1031 // The exact index keeps serving; the failure is kept on AnnReady for the host to report.
        catch (Exception e)
#pragma warning restore CA1031
        {
            ann.Dispose();
            AnnSource = "failed";
            _annReady.TrySetException(e);
        }
    }

    /// <summary>The transform's norm bound: 1.25 × the longest video vector now, so vectors can grow a little as training goes on.</summary>
    private float MaxNormFor(long[] videos)
    {
        var vector = new float[Trainer.Model.Dimension];
        var longest = 0f;
        foreach (var video in videos)
        {
            if (Trainer.Model.TryGetVideoVector(video, vector))
            {
                longest = Math.Max(longest, MathF.Sqrt(VectorDot.Dot(vector, vector)));
            }
        }

        return longest > 0 && float.IsFinite(longest) ? 1.25f * longest : AnnIndexOptions.Default.MaxNorm;
    }

    private async Task TrainRankerAsync(CancellationToken stop)
    {
        try
        {
            // Under attestation the served ranker stays model score: a LightGBM ranker trained here would be unapproved.
            if (_options.MinImpressionsForRanker == 0 || AttestedModel is not null || ImpressionsObserved < _options.MinImpressionsForRanker)
            {
                _rankerReady.TrySetResult(null);
                return;
            }

            _rankerReadingLog = true;
            ImpressionDataset data;
            try
            {
                data = await ImpressionDatasetBuilder.BuildAsync(_store.Events, Catalog, Trainer.Model.Score, _options.Ranker, stop).ConfigureAwait(false);
            }
            finally
            {
                _rankerReadingLog = false;
            }

            stop.ThrowIfCancellationRequested();
            var result = LightGbmRankerTrainer.Train(data, new RankingFeatureSource(Catalog, Trainer.Model, Counters), _options.Ranker);
            if (!stop.IsCancellationRequested)
            {
                Ranker.Swap(result.Serving);
            }

            _rankerReady.TrySetResult(result);
        }
        catch (OperationCanceledException)
        {
            _rankerReady.TrySetResult(null);
        }
#pragma warning disable CA1031 // A failed ranker training leaves the model-score ranker serving; the error is kept on the task.
        catch (Exception e)
#pragma warning restore CA1031
        {
            _rankerReady.TrySetException(e);
        }
    }

    /// <summary>With a checkpoint directory: a checkpoint at the trainer's position and the HNSW index beside it.</summary>
    private async Task PersistAsync()
    {
        if (_options.Trainer.CheckpointDirectory is not { } directory || _started == 0 || AttestedModel is not null)
        {
            return;
        }

        Directory.CreateDirectory(directory);
        await Trainer.CheckpointAsync().ConfigureAwait(false);
        if (Index.Ann is not { } ann || AnnPath(Trainer.Position, ann.Dimension) is not { } path)
        {
            return;
        }

        var temp = path + ".tmp";
        ann.Save(temp);
        File.Move(AnnIndex.MaxNormFile(temp), AnnIndex.MaxNormFile(path), overwrite: true);
        File.Move(temp, path, overwrite: true);
        foreach (var old in Directory.EnumerateFiles(directory, AnnPrefix + "*.usearch"))
        {
            if (!string.Equals(old, path, StringComparison.Ordinal))
            {
                File.Delete(old);
                File.Delete(AnnIndex.MaxNormFile(old));
            }
        }
    }
}
