namespace Whisper.Evaluation.Reports;

/// <summary>Wall times of the run's stages, in seconds.</summary>
/// <param name="GenerateSeconds">Generating and writing a world first (0 when a store was evaluated as it was).</param>
/// <param name="LoadSeconds">Reading the catalog and the log into memory.</param>
/// <param name="SplitSeconds">Building the split.</param>
/// <param name="TotalSeconds">Everything, including every recommender.</param>
public sealed record ReportTimings(double GenerateSeconds, double LoadSeconds, double SplitSeconds, double TotalSeconds);
