namespace Whisper.Parity.Shadow;

/// <summary>Bounds a replay: at most a given number of items, evenly spaced over the list so the sample spans its whole window.</summary>
internal static class EvenSample
{
    public static IReadOnlyList<T> Of<T>(IReadOnlyList<T> items, int max)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        if (items.Count <= max)
        {
            return items;
        }

        var sample = new T[max];
        for (var i = 0; i < max; i++)
        {
            sample[i] = items[(int)((long)i * items.Count / max)];
        }

        return sample;
    }
}
