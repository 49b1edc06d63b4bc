namespace Whisper.Fork.Purge;

/// <summary>A deletion certificate that cannot be trusted: the message says why (signature, key, format, log inclusion).</summary>
public sealed class PurgeCertificateException : Exception
{
    public PurgeCertificateException()
    {
    }

    public PurgeCertificateException(string message)
        : base(message)
    {
    }

    public PurgeCertificateException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
