namespace Whisper.Recommendation.Ranking;

/// <summary>Options that have problems; <see cref="Problems"/> names every one (setting and fix), not just the first.</summary>
public sealed class RecommendationOptionsException : ArgumentException
{
    public RecommendationOptionsException()
        : this("(options)", [])
    {
    }

    public RecommendationOptionsException(string message)
        : base(message)
    {
        Problems = [message];
    }

    public RecommendationOptionsException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [message];
    }

    public RecommendationOptionsException(string optionsName, IReadOnlyList<string> problems)
        : base($"{optionsName} has {problems.Count} problem(s): {string.Join(" ", problems)}")
    {
        Problems = problems;
    }

    public IReadOnlyList<string> Problems { get; }

    /// <summary>Throws when <paramref name="problems"/> is not empty.</summary>
    public static void ThrowIfAny(string optionsName, IReadOnlyList<string> problems)
    {
        if (problems.Count > 0)
        {
            throw new RecommendationOptionsException(optionsName, problems);
        }
    }
}
