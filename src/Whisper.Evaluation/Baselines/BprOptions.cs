namespace Whisper.Evaluation.Baselines;

/// <summary>Hyper-parameters of <see cref="BprRecommender"/>; the defaults are the documented baseline.</summary>
public sealed record BprOptions
{
    /// <summary>Latent dimensions of user and item vectors.</summary>
    public int Factors { get; init; } = 32;

    /// <summary>Passes; each draws as many triples as there are training positive pairs.</summary>
    public int Epochs { get; init; } = 30;

    /// <summary>SGD step size.</summary>
    public float LearningRate { get; init; } = 0.05f;

    /// <summary>L2 weight on every parameter a step touches.</summary>
    public float Regularization { get; init; } = 0.005f;

    /// <summary>Standard deviation of the normal initial vectors.</summary>
    public double InitStd { get; init; } = 0.1;

    public long Seed { get; init; } = 42;
}
