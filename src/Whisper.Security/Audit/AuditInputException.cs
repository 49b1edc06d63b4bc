namespace Whisper.Security.Audit;

/// <summary>
/// A rules, allowlist or baseline file (or the scanned path) cannot be used. Every problem found is listed, each naming
/// the file, the field and the fix, so one run reports them all; the CLI turns this into exit code 2.
/// </summary>
public sealed class AuditInputException : Exception
{
    public AuditInputException(IReadOnlyList<string> problems)
        : base(string.Join("; ", problems)) => Problems = problems;

    public AuditInputException(string message, Exception innerException)
        : base(message, innerException) => Problems = [message];

    public AuditInputException(string message)
        : base(message) => Problems = [message];

    public AuditInputException()
        : this("the audit input is not usable")
    {
    }

    public IReadOnlyList<string> Problems { get; }
}
