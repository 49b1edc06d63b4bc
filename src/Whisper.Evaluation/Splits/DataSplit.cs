namespace Whisper.Evaluation.Splits;

/// <summary>A training set and the test set it is scored against.</summary>
/// <param name="Kind">How it was made.</param>
/// <param name="Training">Events the recommenders may learn from.</param>
/// <param name="Test">Users and their held-out relevant items.</param>
/// <param name="TestFraction">Temporal only: the share of the time span held out.</param>
/// <param name="Cutoff">Temporal only: training events are strictly before it, test positives at or after it.</param>
public sealed record DataSplit(SplitKind Kind, TrainingSet Training, TestSet Test, double? TestFraction, DateTimeOffset? Cutoff);
