using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

using Microsoft.ML.Calibrators;
using Microsoft.ML.Trainers.LightGbm;

namespace Whisper.Recommendation.Ranking;

/// <summary>
/// A trained LightGBM binary model flattened into arrays and evaluated without ML.NET: thread-safe, no allocation, no
/// locks. Equal to ML.NET's probability to 1e-5 (tested). Hand-written because ML.NET has no allocation-free,
/// thread-safe scorer for a single row, let alone a batch.
/// <para>
/// Layout: every node of the forest is one 16-byte <see cref="Node"/>; a leaf is a node whose two children are itself,
/// so a row that reached its leaf can keep stepping in place. That lets <see cref="Probabilities"/> walk a whole batch
/// tree by tree (each tree's nodes stay in L1 while all rows pass through it) and eight rows in lockstep, each step
/// picking the child without a branch, until all eight stand still; one row (<see cref="Margin"/>) walks with a
/// compare-and-branch until its leaf. Measured against each other by <c>whisper bench feed</c>
/// (<c>breakdown_us_per_request.lightgbm_*</c>; docs/feed.md, "Serving path: compiled trees").
/// </para>
/// </summary>
internal sealed class CompiledTreeEnsemble
{
    private const int Lanes = 8;
    private const int Stride = RankingFeatures.Count;

    private readonly int[] _roots;
    private readonly Node[] _nodes;
    private readonly double[] _leafValue; // by node; tree weight applied; 0 for a split
    private readonly double _bias;
    private readonly double _slope;
    private readonly double _offset;
    private readonly int _features;

    private CompiledTreeEnsemble(int[] roots, Node[] nodes, double[] leafValue, double bias, double slope, double offset)
    {
        _roots = roots;
        _nodes = nodes;
        _leafValue = leafValue;
        _bias = bias;
        _slope = slope;
        _offset = offset;
        _features = nodes.Length == 0 ? 0 : nodes.Max(n => n.Feature) + 1;
    }

    public int Trees => _roots.Length;

    public static CompiledTreeEnsemble From(CalibratedModelParametersBase<LightGbmBinaryModelParameters, PlattCalibrator> model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var ensemble = model.SubModel.TrainedTreeEnsemble;
        var roots = new List<int>();
        var nodes = new List<Node>();
        var values = new List<double>();
        var bias = ensemble.Bias;
        for (var t = 0; t < ensemble.Trees.Count; t++)
        {
            var tree = ensemble.Trees[t];
            var weight = ensemble.TreeWeights[t];
            if (tree.NumberOfNodes == 0)
            {
                bias += weight * (tree.LeafValues.Count > 0 ? tree.LeafValues[0] : 0);
                continue;
            }

            for (var n = 0; n < tree.NumberOfNodes; n++)
            {
                if (tree.CategoricalSplitFlags.Count > n && tree.CategoricalSplitFlags[n])
                {
                    throw new NotSupportedException("Categorical splits are not supported; ranking features are all numeric.");
                }
            }

            // Splits first (LightGBM's node indices), then one self-looping node per leaf.
            int splitBase = nodes.Count, leafBase = splitBase + tree.NumberOfNodes;
            int Child(int child) => child >= 0 ? splitBase + child : leafBase + ~child;
            for (var n = 0; n < tree.NumberOfNodes; n++)
            {
                nodes.Add(new Node(tree.NumericalSplitFeatureIndexes[n], tree.NumericalSplitThresholds[n],
                    Child(tree.LeftChild[n]), Child(tree.RightChild[n])));
                values.Add(0);
            }

            for (var l = 0; l < tree.NumberOfLeaves; l++)
            {
                nodes.Add(new Node(0, 0, leafBase + l, leafBase + l));
                values.Add(weight * tree.LeafValues[l]);
            }

            roots.Add(splitBase);
        }

        return new CompiledTreeEnsemble([.. roots], [.. nodes], [.. values], bias, model.Calibrator.Slope, model.Calibrator.Offset);
    }

    /// <summary>The raw ensemble output (before calibration) for one row.</summary>
    public double Margin(ReadOnlySpan<float> features)
    {
        CheckRow(features.Length);
        var sum = _bias;
        ref var nodes = ref MemoryMarshal.GetArrayDataReference(_nodes);
        ref var row = ref MemoryMarshal.GetReference(features);
        foreach (var root in _roots)
        {
            sum += _leafValue[Leaf(ref nodes, root, ref row)];
        }

        return sum;
    }

    /// <summary>Calibrated probability, as ML.NET's Platt calibrator computes it: 1 / (1 + exp(slope · margin + offset)).</summary>
    public float Probability(ReadOnlySpan<float> features) => Calibrate(Margin(features));

    /// <summary>
    /// Probabilities of <paramref name="count"/> ranking-feature rows stored one after another
    /// (<see cref="RankingFeatures.Count"/> floats each) into <paramref name="probabilities"/>, using
    /// <paramref name="margins"/> as scratch; each equal (bit for bit) to <see cref="Probability"/> of its row.
    /// </summary>
    public void Probabilities(ReadOnlySpan<float> rows, int count, Span<double> margins, Span<float> probabilities)
    {
        CheckRow(Stride);
        if (rows.Length < Stride * count)
        {
            throw new ArgumentException($"rows holds {rows.Length} values; {count} rows of {Stride} need {Stride * count}.", nameof(rows));
        }

        margins = margins[..count];
        margins.Fill(_bias);
        AddMargins(rows, count, margins);
        for (var i = 0; i < count; i++)
        {
            probabilities[i] = Calibrate(margins[i]);
        }
    }

    /// <summary>Adds every tree's leaf value to each row's margin, tree by tree (the order <see cref="Margin"/> sums in).</summary>
    private void AddMargins(ReadOnlySpan<float> rows, int count, Span<double> margins)
    {
        ref var nodes = ref MemoryMarshal.GetArrayDataReference(_nodes);
        ref var values = ref MemoryMarshal.GetArrayDataReference(_leafValue);
        ref var first = ref MemoryMarshal.GetReference(rows);
        foreach (var root in _roots)
        {
            var i = 0;
            for (; i + Lanes <= count; i += Lanes)
            {
                // The stride is a constant, so each lane's row is one displacement off r: the eight node indices stay in registers.
                ref var r = ref Unsafe.Add(ref first, i * Stride);
                int n0 = root, n1 = root, n2 = root, n3 = root, n4 = root, n5 = root, n6 = root, n7 = root;
                int moved;
                do
                {
                    var m0 = Next(ref nodes, n0, ref Unsafe.Add(ref r, 0 * Stride));
                    moved = m0 ^ n0;
                    n0 = m0;
                    var m1 = Next(ref nodes, n1, ref Unsafe.Add(ref r, 1 * Stride));
                    moved |= m1 ^ n1;
                    n1 = m1;
                    var m2 = Next(ref nodes, n2, ref Unsafe.Add(ref r, 2 * Stride));
                    moved |= m2 ^ n2;
                    n2 = m2;
                    var m3 = Next(ref nodes, n3, ref Unsafe.Add(ref r, 3 * Stride));
                    moved |= m3 ^ n3;
                    n3 = m3;
                    var m4 = Next(ref nodes, n4, ref Unsafe.Add(ref r, 4 * Stride));
                    moved |= m4 ^ n4;
                    n4 = m4;
                    var m5 = Next(ref nodes, n5, ref Unsafe.Add(ref r, 5 * Stride));
                    moved |= m5 ^ n5;
                    n5 = m5;
                    var m6 = Next(ref nodes, n6, ref Unsafe.Add(ref r, 6 * Stride));
                    moved |= m6 ^ n6;
                    n6 = m6;
                    var m7 = Next(ref nodes, n7, ref Unsafe.Add(ref r, 7 * Stride));
                    moved |= m7 ^ n7;
                    n7 = m7;
                }
                while (moved != 0); // until all eight stand on their leaves

                margins[i + 0] += Unsafe.Add(ref values, n0);
                margins[i + 1] += Unsafe.Add(ref values, n1);
                margins[i + 2] += Unsafe.Add(ref values, n2);
                margins[i + 3] += Unsafe.Add(ref values, n3);
                margins[i + 4] += Unsafe.Add(ref values, n4);
                margins[i + 5] += Unsafe.Add(ref values, n5);
                margins[i + 6] += Unsafe.Add(ref values, n6);
                margins[i + 7] += Unsafe.Add(ref values, n7);
            }

            for (; i < count; i++)
            {
                margins[i] += Unsafe.Add(ref values, Leaf(ref nodes, root, ref Unsafe.Add(ref first, i * Stride)));
            }
        }
    }

    /// <summary>One row down one tree to its leaf (the node that loops to itself).</summary>
    private static int Leaf(ref Node nodes, int root, ref float row)
    {
        var node = root;
        while (true)
        {
            ref var split = ref Unsafe.Add(ref nodes, node);
            var next = Unsafe.Add(ref row, split.Feature) <= split.Threshold ? split.Left : split.Right;
            if (next == node)
            {
                return node;
            }

            node = next;
        }
    }

    /// <summary>
    /// One step down: left when the value is ≤ the threshold (NaN goes right, as in ML.NET); a leaf stays put. The
    /// child is picked by index (Right sits after Left).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Next(ref Node nodes, int node, ref float row)
    {
        ref var split = ref Unsafe.Add(ref nodes, node);
        // A vector compare yields an all-ones (left) or zero (right, NaN included) mask with no branch; a scalar `<=`
        // compiles to a conditional jump, which mispredicts on about every other split.
        var left = Vector128.LessThanOrEqual(
            Vector128.CreateScalarUnsafe(Unsafe.Add(ref row, split.Feature)),
            Vector128.CreateScalarUnsafe(split.Threshold)).AsInt32().ToScalar();
        return Unsafe.Add(ref split.Left, left + 1);
    }

    private float Calibrate(double margin) => (float)(1.0 / (1.0 + Math.Exp((_slope * margin) + _offset)));

    /// <summary>Every split reads a feature below the row length (checked once, so the walk needs no bounds checks).</summary>
    private void CheckRow(int rowLength)
    {
        if (rowLength < _features)
        {
            throw new ArgumentException($"A row has {rowLength} features; this model reads feature {_features - 1}.", nameof(rowLength));
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct Node(int feature, float threshold, int left, int right)
    {
        public int Feature = feature;
        public float Threshold = threshold;
        public int Left = left;
        public int Right = right; // must follow Left: Next indexes from Left
    }
}
