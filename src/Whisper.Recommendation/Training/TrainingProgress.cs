namespace Whisper.Recommendation.Training;

/// <summary>Progress of a long training job: <see cref="Stage"/> is "train" (Done/Total = log position/head) or "checkpoint".</summary>
public readonly record struct TrainingProgress(string Stage, long Done, long Total);
