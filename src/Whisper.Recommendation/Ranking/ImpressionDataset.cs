namespace Whisper.Recommendation.Ranking;

/// <summary>
/// Labelled impressions in log order: row i's features are <c>Features[i*Count .. (i+1)*Count)</c>, its labels
/// <c>Labels[i*4 + objective]</c>. Built by <see cref="ImpressionDatasetBuilder"/>.
/// </summary>
public sealed class ImpressionDataset
{
    public const int ObjectiveCount = 4;

    internal ImpressionDataset(float[] features, bool[] labels, long[] userIds, long[] videoIds, int rows)
    {
        Features = features;
        Labels = labels;
        UserIds = userIds;
        VideoIds = videoIds;
        Rows = rows;
    }

    public int Rows { get; }

    internal float[] Features { get; }

    internal bool[] Labels { get; }

    internal long[] UserIds { get; }

    internal long[] VideoIds { get; }

    public ReadOnlySpan<float> Row(int index) => Features.AsSpan(index * RankingFeatures.Count, RankingFeatures.Count);

    public bool Label(int index, RankingObjective objective) => Labels[(index * ObjectiveCount) + (int)objective];

    public int Positives(RankingObjective objective, int from, int to)
    {
        var n = 0;
        for (var i = from; i < to; i++)
        {
            if (Label(i, objective))
            {
                n++;
            }
        }

        return n;
    }
}
