namespace Whisper.World.Generation;

/// <summary>
/// Walker/Vose alias table: O(n) to build, O(1) and allocation-free per draw. The session loop draws ~2.5 M
/// candidates for the default world, so a binary search over a cumulative array (17 steps over 100k videos) would cost ~8x more.
/// </summary>
internal sealed class AliasTable
{
    private readonly double[] _probability;
    private readonly int[] _alias;

    public AliasTable(ReadOnlySpan<double> weights)
    {
        var n = weights.Length;
        if (n == 0)
        {
            throw new ArgumentException("An alias table needs at least one weight.", nameof(weights));
        }

        double total = 0;
        foreach (var w in weights)
        {
            if (w < 0 || !double.IsFinite(w))
            {
                throw new ArgumentException("Weights must be finite and non-negative.", nameof(weights));
            }

            total += w;
        }

        _probability = new double[n];
        _alias = new int[n];
        if (total <= 0)
        {
            Array.Fill(_probability, 1.0);
            for (var i = 0; i < n; i++)
            {
                _alias[i] = i;
            }

            return;
        }

        var scaled = new double[n];
        var small = new int[n];
        var large = new int[n];
        int smallCount = 0, largeCount = 0;
        for (var i = 0; i < n; i++)
        {
            scaled[i] = weights[i] * n / total;
            if (scaled[i] < 1.0)
            {
                small[smallCount++] = i;
            }
            else
            {
                large[largeCount++] = i;
            }
        }

        while (smallCount > 0 && largeCount > 0)
        {
            var s = small[--smallCount];
            var l = large[--largeCount];
            _probability[s] = scaled[s];
            _alias[s] = l;
            scaled[l] = scaled[l] + scaled[s] - 1.0;
            if (scaled[l] < 1.0)
            {
                small[smallCount++] = l;
            }
            else
            {
                large[largeCount++] = l;
            }
        }

        while (largeCount > 0)
        {
            var l = large[--largeCount];
            _probability[l] = 1.0;
            _alias[l] = l;
        }

        while (smallCount > 0)
        {
            var s = small[--smallCount];
            _probability[s] = 1.0; // rounding leftovers
            _alias[s] = s;
        }
    }

    public int Count => _probability.Length;

    public int Sample(ref WorldRandom random)
    {
        var u = random.NextDouble() * _probability.Length;
        var i = (int)u;
        if (i >= _probability.Length)
        {
            i = _probability.Length - 1;
        }

        return u - i < _probability[i] ? i : _alias[i];
    }
}
