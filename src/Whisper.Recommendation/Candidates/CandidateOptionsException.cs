namespace Whisper.Recommendation.Candidates;

/// <summary>Retrieval options had problems; <see cref="Problems"/> lists all of them, each naming the setting and the fix.</summary>
public sealed class CandidateOptionsException : ArgumentException
{
    public CandidateOptionsException(IReadOnlyList<string> problems)
        : base("Invalid retrieval options: " + string.Join(" ", problems))
    {
        Problems = problems;
    }

    public CandidateOptionsException()
        : this([])
    {
    }

    public CandidateOptionsException(string message)
        : this([message])
    {
    }

    public CandidateOptionsException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [message];
    }

    public IReadOnlyList<string> Problems { get; }

    /// <summary>Throws when <paramref name="problems"/> is not empty.</summary>
    public static void ThrowIfAny(IReadOnlyList<string> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (problems.Count > 0)
        {
            throw new CandidateOptionsException(problems);
        }
    }
}
