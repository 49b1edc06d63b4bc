namespace Whisper.Recommendation.Training;

/// <summary>What the trainer did with the events it read (these counters travel in checkpoints).</summary>
/// <param name="Events">Events read from the log.</param>
/// <param name="Examples">Labelled (user, video) pairs trained on, sampled negatives included.</param>
/// <param name="Positives">Long watches, likes, shares, comments and follows.</param>
/// <param name="Negatives">Skips and short views.</param>
/// <param name="SampledNegatives">Negatives drawn from the exposure pool.</param>
/// <param name="UnknownVideos">Events skipped because the catalog view lacks their video.</param>
/// <param name="Ignored">Events that carry no label (impressions, purchases).</param>
public readonly record struct TrainerStats(long Events, long Examples, long Positives, long Negatives, long SampledNegatives, long UnknownVideos, long Ignored);
