namespace Whisper.Fork.Manifest;

/// <summary>A manifest that must not be trusted: unsigned, badly signed, truncated, inconsistent or from another export.</summary>
public sealed class ForkManifestException : Exception
{
    public ForkManifestException(string message)
        : base(message)
    {
    }

    public ForkManifestException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
