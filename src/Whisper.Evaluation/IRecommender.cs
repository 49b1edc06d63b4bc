using Whisper.Evaluation.Splits;

namespace Whisper.Evaluation;

/// <summary>
/// A recommender under offline evaluation. The harness calls <see cref="FitAsync"/> once with a split's training
/// set, then <see cref="Recommend"/> for every test user, concurrently from several threads. Users and items are the
/// dataset's dense indexes (<see cref="Data.EvaluationDataset.UserId"/>, <see cref="Data.EvaluationDataset.ItemId"/>).
/// </summary>
public interface IRecommender
{
    /// <summary>Short stable name used in reports, e.g. "popularity".</summary>
    string Name { get; }

    /// <summary>Hyper-parameters as reported (invariant-culture text).</summary>
    IReadOnlyDictionary<string, string> Parameters { get; }

    /// <summary>Learns from the training set only. May be called again with another split; each call starts over.</summary>
    Task FitAsync(TrainingSet training, IProgress<EvaluationProgress>? progress, CancellationToken cancellationToken);

    /// <summary>
    /// Writes up to <c>into.Length</c> distinct items for <paramref name="user"/>, best first, none of them in
    /// <paramref name="exclude"/> (ascending: the user's training positives); returns how many were written. Must be
    /// thread-safe after <see cref="FitAsync"/>, deterministic, and allocation-free apart from <paramref name="scratch"/>.
    /// </summary>
    int Recommend(int user, ReadOnlySpan<int> exclude, Span<int> into, RecommendationScratch scratch);
}
