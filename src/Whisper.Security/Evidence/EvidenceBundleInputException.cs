namespace Whisper.Security.Evidence;

/// <summary>Input that cannot make or be read as a bundle at all (not a ZIP, no such file, a bad artefact name): bad input, not tampering.</summary>
public sealed class EvidenceBundleInputException : Exception
{
    public EvidenceBundleInputException()
    {
    }

    public EvidenceBundleInputException(string message)
        : base(message)
    {
    }

    public EvidenceBundleInputException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
