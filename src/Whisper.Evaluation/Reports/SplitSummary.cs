namespace Whisper.Evaluation.Reports;

/// <summary>How the data was split.</summary>
/// <param name="Kind">"temporal" or "leave-last-out".</param>
/// <param name="TestFraction">Temporal: share of the time span held out; null otherwise.</param>
/// <param name="Cutoff">Temporal: first instant of the test period; null otherwise.</param>
/// <param name="TrainEvents">Events in training.</param>
/// <param name="TrainPositivePairs">Distinct (user, video) positive pairs in training.</param>
/// <param name="TrainUsers">Users with a training positive.</param>
/// <param name="TestUsers">Users evaluated (after sampling).</param>
/// <param name="TestUsersBeforeSampling">Users the split produced before <c>MaxTestUsers</c> sampling.</param>
/// <param name="TestRelevantPairs">Held-out (user, video) pairs of the evaluated users.</param>
public sealed record SplitSummary(
    string Kind,
    double? TestFraction,
    DateTimeOffset? Cutoff,
    long TrainEvents,
    long TrainPositivePairs,
    int TrainUsers,
    int TestUsers,
    int TestUsersBeforeSampling,
    long TestRelevantPairs);
