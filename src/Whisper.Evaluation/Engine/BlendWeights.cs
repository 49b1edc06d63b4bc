namespace Whisper.Evaluation.Engine;

/// <summary>
/// A tiny logistic regression that weighs the engine's ranking signals (model score, decayed popularity, follow) into
/// one score. Fitted by full-batch gradient descent on standardised features, L2 1e-3, 500 steps: a few features and
/// at most ~10^5 examples, so it takes milliseconds; hand-written because a library fit would dwarf the data.
/// </summary>
internal static class BlendWeights
{
    private const int Steps = 500;
    private const double StepSize = 0.5;
    private const double L2 = 1e-3;

    /// <summary>
    /// Weights on the raw features (the intercept is dropped: it does not change a ranking). <paramref name="x"/> is
    /// example-major with <paramref name="features"/> columns; <paramref name="y"/> 1 for a positive, 0 for a negative.
    /// </summary>
    public static double[] Fit(ReadOnlySpan<float> x, ReadOnlySpan<byte> y, int features)
    {
        var n = y.Length;
        var mean = new double[features];
        var sd = new double[features];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < features; j++)
            {
                mean[j] += x[(i * features) + j];
            }
        }

        for (var j = 0; j < features; j++)
        {
            mean[j] /= Math.Max(1, n);
        }

        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < features; j++)
            {
                var d = x[(i * features) + j] - mean[j];
                sd[j] += d * d;
            }
        }

        for (var j = 0; j < features; j++)
        {
            sd[j] = Math.Sqrt(sd[j] / Math.Max(1, n));
            sd[j] = sd[j] > 1e-9 ? sd[j] : 1; // a constant feature gets no weight that matters
        }

        var w = new double[features];
        var b = 0.0;
        var grad = new double[features];
        for (var step = 0; step < Steps && n > 0; step++)
        {
            Array.Clear(grad);
            var gb = 0.0;
            for (var i = 0; i < n; i++)
            {
                var z = b;
                for (var j = 0; j < features; j++)
                {
                    z += w[j] * (x[(i * features) + j] - mean[j]) / sd[j];
                }

                var g = (1 / (1 + Math.Exp(-z))) - y[i];
                gb += g;
                for (var j = 0; j < features; j++)
                {
                    grad[j] += g * (x[(i * features) + j] - mean[j]) / sd[j];
                }
            }

            b -= StepSize * gb / n;
            for (var j = 0; j < features; j++)
            {
                w[j] -= StepSize * ((grad[j] / n) + (L2 * w[j]));
            }
        }

        var raw = new double[features];
        for (var j = 0; j < features; j++)
        {
            raw[j] = w[j] / sd[j];
        }

        return raw;
    }
}
