using Whisper.Evaluation.Baselines;
using Whisper.Evaluation.Engine;

namespace Whisper.Evaluation;

/// <summary>The recommenders a default run compares: the random floor, the three baselines, then the Whisper engine.</summary>
public static class DefaultRecommenders
{
    /// <summary>random, popularity, item-knn, bpr-mf.</summary>
    public static IReadOnlyList<IRecommender> Baselines(EvaluationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return
        [
            new RandomRecommender(options.Seed),
            new PopularityRecommender(),
            new ItemKnnRecommender(),
            new BprRecommender(new BprOptions { Seed = options.Seed }),
        ];
    }

    /// <summary>
    /// The baselines plus "whisper" (the engine's two-tower model with its default options), whose validation slice is
    /// carved from the training set the way the evaluation's split carves the test set (a temporal tail for a temporal
    /// split, each user's last training positive for leave-last-out), so validation asks the test's question.
    /// </summary>
    public static IReadOnlyList<IRecommender> All(EvaluationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return [.. Baselines(options), new WhisperEngineRecommender(validation: options.Split)];
    }
}
