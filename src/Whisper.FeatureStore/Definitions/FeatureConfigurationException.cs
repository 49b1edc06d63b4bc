namespace Whisper.FeatureStore.Definitions;

/// <summary>Feature definitions or a feature file that cannot be used. <see cref="Problems"/> lists every problem, each naming the feature and the fix.</summary>
public sealed class FeatureConfigurationException : Exception
{
    public FeatureConfigurationException(IReadOnlyList<string> problems)
        : base(Summarize(problems))
    {
        Problems = problems;
    }

    public FeatureConfigurationException(string problem, Exception? inner = null)
        : base(problem, inner)
    {
        Problems = [problem];
    }

    public IReadOnlyList<string> Problems { get; }

    private static string Summarize(IReadOnlyList<string> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        return problems.Count == 1 ? problems[0] : $"{problems.Count} problems: " + string.Join(" ", problems);
    }
}
