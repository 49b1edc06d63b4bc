using Whisper.FeatureStore.Online;

namespace Whisper.FeatureStore.Offline;

/// <summary>
/// Feature rows in the order the keys were given: row i, column j is feature <see cref="FeatureIds"/>[j] for key i.
/// Statuses say whether each value was fresh, missing or expired (the default was used for the latter two).
/// </summary>
public sealed class PointInTimeResult
{
    internal PointInTimeResult(IReadOnlyList<int> featureIds, int rows, double[] values, FeatureReadStatus[] statuses, long eventsRead)
    {
        FeatureIds = featureIds;
        Rows = rows;
        Values = values;
        Statuses = statuses;
        EventsRead = eventsRead;
        foreach (var status in statuses)
        {
            _ = status switch
            {
                FeatureReadStatus.Fresh => Fresh++,
                FeatureReadStatus.Missing => Missing++,
                _ => Expired++,
            };
        }
    }

    public IReadOnlyList<int> FeatureIds { get; }

    public int Rows { get; }

    /// <summary>Row-major values, <see cref="Rows"/> × <see cref="FeatureIds"/>.Count.</summary>
    public double[] Values { get; }

    public FeatureReadStatus[] Statuses { get; }

    public long EventsRead { get; }

    public long Fresh { get; }

    public long Missing { get; }

    public long Expired { get; }

    public ReadOnlySpan<double> Row(int row) => Values.AsSpan(row * FeatureIds.Count, FeatureIds.Count);

    public double Value(int row, int column) => Values[(row * FeatureIds.Count) + column];

    public FeatureReadStatus Status(int row, int column) => Statuses[(row * FeatureIds.Count) + column];
}
