namespace Whisper.Security.Compliance;

/// <summary>
/// <c>whisper compliance</c> cannot run: a bad root, catalog, input or output path. Every problem is listed, each
/// naming the path and the fix; the CLI turns this into exit code 2.
/// </summary>
public sealed class ComplianceInputException : Exception
{
    public ComplianceInputException(IReadOnlyList<string> problems)
        : base(string.Join("; ", problems)) => Problems = problems;

    public ComplianceInputException(string message)
        : base(message) => Problems = [message];

    public ComplianceInputException(string message, Exception innerException)
        : base(message, innerException) => Problems = [message];

    public ComplianceInputException()
        : this("the compliance input is not usable")
    {
    }

    public IReadOnlyList<string> Problems { get; }
}
