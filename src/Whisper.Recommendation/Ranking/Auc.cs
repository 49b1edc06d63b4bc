namespace Whisper.Recommendation.Ranking;

/// <summary>
/// Area under the ROC curve (Mann–Whitney U, ties counted half). Hand-written because the comparison must score any
/// ranker — LightGBM, the model-score fallback, random — on the very same held-out rows, which ML.NET's evaluator
/// (it needs an IDataView with the model's output columns) does not make easy.
/// </summary>
public static class Auc
{
    /// <summary>AUC of <paramref name="scores"/> against <paramref name="labels"/>; NaN when a class is missing.</summary>
    public static double Compute(ReadOnlySpan<float> scores, ReadOnlySpan<bool> labels)
    {
        if (scores.Length != labels.Length)
        {
            throw new ArgumentException("scores and labels differ in length.", nameof(labels));
        }

        var order = new int[scores.Length];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        var keys = scores.ToArray();
        Array.Sort(keys, order);
        double rankSumPositives = 0;
        long positives = 0;
        for (var i = 0; i < keys.Length;)
        {
            var j = i;
            while (j + 1 < keys.Length && keys[j + 1] == keys[i])
            {
                j++;
            }

            var averageRank = ((i + j) / 2.0) + 1; // 1-based ranks, ties share the average
            for (var k = i; k <= j; k++)
            {
                if (labels[order[k]])
                {
                    rankSumPositives += averageRank;
                    positives++;
                }
            }

            i = j + 1;
        }

        long negatives = scores.Length - positives;
        if (positives == 0 || negatives == 0)
        {
            return double.NaN;
        }

        return (rankSumPositives - (positives * (positives + 1) / 2.0)) / ((double)positives * negatives);
    }
}
