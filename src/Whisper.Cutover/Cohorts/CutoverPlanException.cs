namespace Whisper.Cutover.Cohorts;

/// <summary>A plan or state file that cannot be used; <see cref="Problems"/> lists every problem found, each naming the field and the fix.</summary>
public sealed class CutoverPlanException : Exception
{
    public CutoverPlanException(string source, IReadOnlyList<string> problems)
        : base($"{source}: {string.Join(" ", problems)}")
    {
        Problems = problems;
    }

    public CutoverPlanException()
    {
        Problems = [];
    }

    public CutoverPlanException(string message)
        : base(message)
    {
        Problems = [message];
    }

    public CutoverPlanException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [message];
    }

    public IReadOnlyList<string> Problems { get; }
}
