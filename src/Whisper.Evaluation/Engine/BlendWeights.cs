using Whisper.Evaluation.Splits;

namespace Whisper.Evaluation.Engine;

/// <summary>
/// The blend's other way to weigh its features: a tiny logistic regression (L2 1e-3, Newton's method) of the
/// validation slice's positives against uniformly drawn videos — a smooth fit to many examples, where
/// <see cref="BlendValidation.Search"/> fits NDCG@10 directly. Hand-written because a library fit would dwarf the data.
/// </summary>
internal static class BlendWeights
{
    /// <summary>Uniformly drawn videos per validation positive, as the regression's negatives.</summary>
    public const int Negatives = 20;

    /// <summary>Cap on examples (positives and negatives) so the fit stays well under a second.</summary>
    public const int MaxExamples = 60_000;

    private const int MaxNewtonSteps = 30;
    private const double L2 = 1e-3;

    /// <summary>
    /// Weights in <see cref="EngineScorer.FeatureNames"/> order, scaled so the model's is 1, from a logistic regression of
    /// the validation slice's positives (<paramref name="pairs"/>: sorted, distinct user–item pairs) against
    /// <see cref="Negatives"/> uniformly drawn videos each that were positive for the user in neither part; the features
    /// as <see cref="EngineScorer"/> standardises them. Null when there is nothing to fit or the model's weight is not
    /// positive (the blend would invert the model).
    /// </summary>
    public static double[]? Logistic(EngineScorer scorer, TrainingSet early, long[] pairs, long seed)
    {
        var dataset = early.Dataset;
        var distinct = pairs.Length;
        if (distinct == 0)
        {
            return null;
        }

        var f = EngineScorer.FeatureCount;
        var h = EnginePriors.ItemFeatureNames.Count;
        var perPositive = 1 + Negatives;
        var take = Math.Min(distinct, MaxExamples / perPositive);
        var stride = (double)distinct / take;
        var x = new float[take * perPositive * f];
        var y = new byte[take * perPositive];
        var userVector = new float[scorer.Model.Dimension];
        var n = 0;
        var random = new SplitMix64(SplitMix64.Mix((ulong)seed ^ 0x5EED_B1E4_D0000000UL));
        var lastUser = -1;
        (float Mean, float Scale) moments = (0, 1);
        void Write(int user, int item, Span<float> into)
        {
            into[0] = scorer.IsKnown(item) ? (scorer.ModelScore(userVector, item) - moments.Mean) / moments.Scale : 0f;
            into[1] = scorer.FollowsCreatorOf(user, item) ? 1f : 0f;
            scorer.Priors.ItemZScores.AsSpan(item * h, h).CopyTo(into[2..]);
        }

        for (var t = 0; t < take; t++)
        {
            var pair = pairs[(int)(t * stride)];
            var (user, item) = (UserItemPairs.User(pair), UserItemPairs.Item(pair));
            if (user != lastUser)
            {
                scorer.UserVector(user, userVector);
                moments = scorer.UserScoreMoments(userVector);
                lastUser = user;
            }

            Write(user, item, x.AsSpan(n * f, f));
            y[n++] = 1;
            for (var j = 0; j < Negatives; j++)
            {
                var negative = random.NextInt(dataset.ItemCount);
                if (early.PositivesOf(user).BinarySearch(negative) >= 0 || Array.BinarySearch(pairs, 0, distinct, UserItemPairs.Pack(user, negative)) >= 0)
                {
                    continue;
                }

                Write(user, negative, x.AsSpan(n * f, f));
                y[n++] = 0;
            }
        }

        var w = Fit(x.AsSpan(0, n * f), y.AsSpan(0, n), f);
        if (w[0] <= 0)
        {
            return null;
        }

        var scale = w[0];
        for (var j = 0; j < f; j++)
        {
            w[j] /= scale;
        }

        return w;
    }

    /// <summary>
    /// Weights on the given features (the intercept is dropped: it does not change a ranking) minimising the mean
    /// logistic loss + L2/2 · |w|² on internally standardised features, by Newton's method (a few steps: the Hessian is
    /// (features + 1)²). <paramref name="x"/> is example-major with <paramref name="features"/> columns;
    /// <paramref name="y"/> 1 for a positive, 0 for a negative.
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
            sd[j] = sd[j] > 1e-9 ? sd[j] : 1; // a constant feature stays 0 after centring and gets weight 0
        }

        // θ = (intercept, w); a = (1, standardised x).
        var p = features + 1;
        var theta = new double[p];
        var a = new double[p];
        var gradient = new double[p];
        var hessian = new double[p * p];
        for (var step = 0; step < MaxNewtonSteps && n > 0; step++)
        {
            Array.Clear(gradient);
            Array.Clear(hessian);
            for (var i = 0; i < n; i++)
            {
                a[0] = 1;
                var z = theta[0];
                for (var j = 0; j < features; j++)
                {
                    a[j + 1] = (x[(i * features) + j] - mean[j]) / sd[j];
                    z += theta[j + 1] * a[j + 1];
                }

                var q = 1 / (1 + Math.Exp(-z));
                var (g, h) = (q - y[i], Math.Max(q * (1 - q), 1e-12));
                for (var r = 0; r < p; r++)
                {
                    gradient[r] += g * a[r];
                    for (var c = 0; c <= r; c++)
                    {
                        hessian[(r * p) + c] += h * a[r] * a[c];
                    }
                }
            }

            for (var r = 0; r < p; r++)
            {
                gradient[r] = (gradient[r] / n) + (r > 0 ? L2 * theta[r] : 0);
                for (var c = 0; c <= r; c++)
                {
                    hessian[(r * p) + c] = (hessian[(r * p) + c] / n) + (r == c && r > 0 ? L2 : 0);
                    hessian[(c * p) + r] = hessian[(r * p) + c];
                }
            }

            var delta = Solve(hessian, gradient, p);
            var largest = 0.0;
            for (var r = 0; r < p; r++)
            {
                theta[r] -= delta[r];
                largest = Math.Max(largest, Math.Abs(delta[r]));
            }

            if (largest < 1e-7)
            {
                break;
            }
        }

        var raw = new double[features];
        for (var j = 0; j < features; j++)
        {
            raw[j] = theta[j + 1] / sd[j];
        }

        return raw;
    }

    /// <summary>Solves the symmetric positive definite system <paramref name="m"/> · v = <paramref name="b"/> (Gaussian elimination, partial pivoting).</summary>
    private static double[] Solve(double[] m, double[] b, int p)
    {
        var a = (double[])m.Clone();
        var v = (double[])b.Clone();
        for (var col = 0; col < p; col++)
        {
            var pivot = col;
            for (var r = col + 1; r < p; r++)
            {
                if (Math.Abs(a[(r * p) + col]) > Math.Abs(a[(pivot * p) + col]))
                {
                    pivot = r;
                }
            }

            if (pivot != col)
            {
                for (var c = 0; c < p; c++)
                {
                    (a[(col * p) + c], a[(pivot * p) + c]) = (a[(pivot * p) + c], a[(col * p) + c]);
                }

                (v[col], v[pivot]) = (v[pivot], v[col]);
            }

            var d = a[(col * p) + col];
            if (Math.Abs(d) < 1e-12)
            {
                continue; // a direction without curvature (a constant feature): leave it
            }

            for (var r = col + 1; r < p; r++)
            {
                var f = a[(r * p) + col] / d;
                if (f == 0)
                {
                    continue;
                }

                for (var c = col; c < p; c++)
                {
                    a[(r * p) + c] -= f * a[(col * p) + c];
                }

                v[r] -= f * v[col];
            }
        }

        var result = new double[p];
        for (var r = p - 1; r >= 0; r--)
        {
            var sum = v[r];
            for (var c = r + 1; c < p; c++)
            {
                sum -= a[(r * p) + c] * result[c];
            }

            var d = a[(r * p) + r];
            result[r] = Math.Abs(d) < 1e-12 ? 0 : sum / d;
        }

        return result;
    }
}
