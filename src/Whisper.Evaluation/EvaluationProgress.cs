namespace Whisper.Evaluation;

/// <summary>
/// Progress of an evaluation run. <see cref="Stage"/> is "load", "split", "fit:&lt;recommender&gt;" or
/// "recommend:&lt;recommender&gt;"; <see cref="Total"/> is 0 when unknown.
/// </summary>
public readonly record struct EvaluationProgress(string Stage, long Done, long Total);
