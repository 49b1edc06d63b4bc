namespace Whisper.Security.Tls;

/// <summary>A CA operation refused: bad input (a name, a validity) or files that are missing, unreadable or already there. The message names the fix.</summary>
public sealed class CertificateAuthorityException : Exception
{
    public CertificateAuthorityException(string message)
        : base(message)
    {
    }

    public CertificateAuthorityException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
