using Whisper.Evaluation.Splits;
using Whisper.Recommendation.Model;

namespace Whisper.Evaluation.Engine;

/// <summary>
/// A trained model read out for brute-force scoring over a training set: every video's tower and bias, each user's
/// serving hour, and the engine's priors. <see cref="Features"/> lists the signals the blend weighs, in order:
/// model score (user tower · video tower + video and creator bias), ln(1 + decayed popularity) per
/// <see cref="EnginePriors.HalfLives"/>, and 1 when the user followed the video's creator.
/// </summary>
internal sealed class EngineScorer
{
    public static readonly int FeatureCount = 2 + EnginePriors.HalfLives.Length;

    private readonly TrainingSet _training;
    private readonly float[] _videoVectors;
    private readonly float[] _videoBias;
    private readonly bool[] _known;
    private readonly byte[] _userHour;

    private EngineScorer(TrainingSet training, TwoTowerModel model, float[] vectors, float[] bias, bool[] known, byte[] hours, EnginePriors priors)
    {
        (_training, Model, _videoVectors, _videoBias, _known, _userHour, Priors) = (training, model, vectors, bias, known, hours, priors);
    }

    public TwoTowerModel Model { get; }

    public EnginePriors Priors { get; }

    public static EngineScorer Create(TrainingSet training, TwoTowerModel model)
    {
        var dataset = training.Dataset;
        var d = model.Dimension;
        var vectors = new float[(long)dataset.ItemCount * d];
        var bias = new float[dataset.ItemCount];
        var known = new bool[dataset.ItemCount];
        for (var item = 0; item < dataset.ItemCount; item++)
        {
            known[item] = dataset.Catalog.TryGetVideo(dataset.ItemId(item), out var facts)
                && model.TryGetVideoVector(facts, vectors.AsSpan(item * d, d), out bias[item]);
        }

        var hours = new byte[dataset.UserCount];
        var events = dataset.Events;
        foreach (var i in training.EventIndexes)
        {
            hours[events[i].User] = (byte)DateTimeOffset.FromUnixTimeMilliseconds(events[i].TimeMs).Hour;
        }

        return new EngineScorer(training, model, vectors, bias, known, hours, EnginePriors.Compute(training));
    }

    /// <summary>Whether the model can describe the item (a video, creator or topic row); others score 0 on the model feature.</summary>
    public bool IsKnown(int item) => _known[item];

    /// <summary>The user tower into <paramref name="userVector"/>; zeros for a user the model does not know.</summary>
    public void UserVector(int user, Span<float> userVector)
    {
        if (!Model.TryGetUserVector(_training.Dataset.UserId(user), _userHour[user], userVector))
        {
            userVector[..Model.Dimension].Clear();
        }
    }

    public float ModelScore(ReadOnlySpan<float> userVector, int item)
    {
        var d = Model.Dimension;
        return _known[item] ? _videoBias[item] + VectorMath.Dot(userVector[..d], _videoVectors.AsSpan(item * d, d)) : 0f;
    }

    /// <summary>Writes the <see cref="FeatureCount"/> features of (user, item) into <paramref name="into"/>.</summary>
    public void Features(int user, ReadOnlySpan<float> userVector, int item, Span<float> into)
    {
        into[0] = ModelScore(userVector, item);
        var h = EnginePriors.HalfLives.Length;
        Priors.LogPopularity.AsSpan(item * h, h).CopyTo(into[1..]);
        into[1 + h] = Priors.FollowsCreator(user, _training.Dataset.CreatorOf(item)) ? 1f : 0f;
    }

    /// <summary>The item-only part of a blended score: weight · (video and creator bias, popularity features).</summary>
    public float[] ItemPriorScores(ReadOnlySpan<double> weights)
    {
        var h = EnginePriors.HalfLives.Length;
        var scores = new float[_known.Length];
        for (var item = 0; item < scores.Length; item++)
        {
            var s = weights[0] * (_known[item] ? _videoBias[item] : 0f);
            for (var k = 0; k < h; k++)
            {
                s += weights[1 + k] * Priors.LogPopularity[(item * h) + k];
            }

            scores[item] = (float)s;
        }

        return scores;
    }

    public bool FollowsCreatorOf(int user, int item) => Priors.FollowsCreator(user, _training.Dataset.CreatorOf(item));

    /// <summary>The dot part of the model score (no bias); 0 for an item the model cannot describe.</summary>
    public float Dot(ReadOnlySpan<float> userVector, int item)
    {
        var d = Model.Dimension;
        return _known[item] ? VectorMath.Dot(userVector[..d], _videoVectors.AsSpan(item * d, d)) : 0f;
    }
}
