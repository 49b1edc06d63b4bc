namespace Whisper.Recommendation.Model;

/// <summary>How the two-tower trainer turns a positive into gradient steps (docs/training.md, "Labels and loss").</summary>
public enum TrainingLoss
{
    /// <summary>
    /// Weighted logistic loss per example: the positive with label 1, each sampled negative with label 0 at
    /// <see cref="TwoTowerOptions.SampledNegativeWeight"/>.
    /// </summary>
    Pointwise = 0,

    /// <summary>
    /// BPR: each sampled negative is scored against the positive with loss −w·log σ(s_pos − s_neg) (w the positive's
    /// weight); explicit negatives (skips, short views) keep the pointwise loss with label 0.
    /// </summary>
    Pairwise = 1,
}

/// <summary>Which distribution the trainer's sampled negatives follow (docs/training.md, "Labels and loss").</summary>
public enum NegativeSampling
{
    /// <summary>Uniform over the last <see cref="TwoTowerOptions.NegativePoolSize"/> exposures (views and skips): the exposure distribution.</summary>
    Exposure = 0,

    /// <summary>Uniform over every distinct video exposed so far (log-prefix determined, checkpointed): BPR-MF's negatives.</summary>
    Uniform = 1,
}
