using Microsoft.ML.Calibrators;
using Microsoft.ML.Trainers.LightGbm;

namespace Whisper.Recommendation.Ranking;

/// <summary>
/// A trained LightGBM binary model flattened into arrays and evaluated without ML.NET: thread-safe, no allocation, no
/// locks. Measured on the 2-vCPU dev box (100 trees × 31 leaves, 20 features, Release): ~3 µs per row here vs ~9 µs
/// for a pooled <c>PredictionEngine</c> (see docs/feed.md, "Ranker serving"). Equal to ML.NET's probability to 1e-5
/// (tested). Hand-written because ML.NET has no allocation-free, thread-safe scorer for a single row.
/// </summary>
internal sealed class CompiledTreeEnsemble
{
    // Node n of the whole forest: split on Feature at Threshold; go Left when value ≤ threshold, else Right. A child ≥ 0
    // is a node index; a child < 0 is ~leaf into _leafValue (tree weight already applied). 16-byte nodes, one cache
    // line per four: ~2× faster than parallel arrays here.
    private readonly int[] _roots;
    private readonly Node[] _nodes;
    private readonly double[] _leafValue;
    private readonly double _bias;
    private readonly double _slope;
    private readonly double _offset;

    private CompiledTreeEnsemble(int[] roots, Node[] nodes, double[] leafValue, double bias, double slope, double offset)
    {
        _roots = roots;
        _nodes = nodes;
        _leafValue = leafValue;
        _bias = bias;
        _slope = slope;
        _offset = offset;
    }

    public int Trees => _roots.Length;

    public static CompiledTreeEnsemble From(CalibratedModelParametersBase<LightGbmBinaryModelParameters, PlattCalibrator> model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var ensemble = model.SubModel.TrainedTreeEnsemble;
        var roots = new List<int>();
        var nodes = new List<Node>();
        var leaves = new List<double>();
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

            int nodeBase = nodes.Count, leafBase = leaves.Count;
            roots.Add(nodeBase);
            for (var n = 0; n < tree.NumberOfNodes; n++)
            {
                nodes.Add(new Node(tree.NumericalSplitFeatureIndexes[n], tree.NumericalSplitThresholds[n],
                    Remap(tree.LeftChild[n], nodeBase, leafBase), Remap(tree.RightChild[n], nodeBase, leafBase)));
            }

            for (var l = 0; l < tree.NumberOfLeaves; l++)
            {
                leaves.Add(weight * tree.LeafValues[l]);
            }
        }

        return new CompiledTreeEnsemble([.. roots], [.. nodes], [.. leaves], bias,
            model.Calibrator.Slope, model.Calibrator.Offset);
    }

    /// <summary>The raw ensemble output (before calibration).</summary>
    public double Margin(ReadOnlySpan<float> features)
    {
        var sum = _bias;
        var nodes = _nodes;
        foreach (var root in _roots)
        {
            var node = root;
            while (node >= 0)
            {
                ref readonly var split = ref nodes[node];
                node = features[split.Feature] <= split.Threshold ? split.Left : split.Right;
            }

            sum += _leafValue[~node];
        }

        return sum;
    }

    /// <summary>Calibrated probability, as ML.NET's Platt calibrator computes it: 1 / (1 + exp(slope · margin + offset)).</summary>
    public float Probability(ReadOnlySpan<float> features) => (float)(1.0 / (1.0 + Math.Exp((_slope * Margin(features)) + _offset)));

    private static int Remap(int child, int nodeBase, int leafBase) => child >= 0 ? child + nodeBase : ~(~child + leafBase);

    private readonly record struct Node(int Feature, float Threshold, int Left, int Right);
}
