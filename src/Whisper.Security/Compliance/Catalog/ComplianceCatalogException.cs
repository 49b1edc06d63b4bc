namespace Whisper.Security.Compliance.Catalog;

/// <summary>
/// A catalog that cannot be used. Every problem is listed, each as <c>file:line: what is wrong; the fix</c>, so one
/// run reports them all; the CLI turns this into exit code 2.
/// </summary>
public sealed class ComplianceCatalogException : Exception
{
    public ComplianceCatalogException(IReadOnlyList<string> problems)
        : base(string.Join("; ", problems)) => Problems = problems;

    public ComplianceCatalogException(string message)
        : base(message) => Problems = [message];

    public ComplianceCatalogException(string message, Exception innerException)
        : base(message, innerException) => Problems = [message];

    public ComplianceCatalogException()
        : this("the compliance catalog is not usable")
    {
    }

    public IReadOnlyList<string> Problems { get; }
}
