namespace Whisper.Cli.Console;

/// <summary>
/// One progress report from long work: which stage, how far, out of how much (0 when unknown), and an optional
/// <see cref="Detail"/> shown beside the bar (rates, lag).
/// </summary>
public readonly record struct WorkProgress(string Stage, long Done, long Total, string? Detail = null);
