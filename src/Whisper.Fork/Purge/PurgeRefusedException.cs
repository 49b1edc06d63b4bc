namespace Whisper.Fork.Purge;

/// <summary>The purge may not run yet (no cutover freeze, retention window not over, policy mismatch): nothing was changed.</summary>
public sealed class PurgeRefusedException : Exception
{
    public PurgeRefusedException()
    {
    }

    public PurgeRefusedException(string message)
        : base(message)
    {
    }

    public PurgeRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
