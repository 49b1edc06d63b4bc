namespace Whisper.Fork.Residency;

/// <summary>
/// A residency policy file could not be used. <see cref="Exception.Message"/> is one line: every problem, each naming the
/// file, the field and what to do, e.g. "us.json: signals.signupIp is 1.5; use a weight in (0, 1], e.g. 0.25.".
/// </summary>
public sealed class ResidencyPolicyException : FormatException
{
    public ResidencyPolicyException(IReadOnlyList<string> problems)
        : base(string.Join(" ", problems))
    {
        Problems = problems;
    }

    public ResidencyPolicyException()
        : this(["The residency policy is invalid."])
    {
    }

    public ResidencyPolicyException(string message)
        : this([message])
    {
    }

    public ResidencyPolicyException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [message];
    }

    /// <summary>Each problem on its own, in file order.</summary>
    public IReadOnlyList<string> Problems { get; }
}
