namespace Whisper.Cutover.Control;

/// <summary>An operator action the state does not allow (nothing left to advance or roll back, gates not passing); the message says why and what to do.</summary>
public sealed class CutoverRefusedException : Exception
{
    public CutoverRefusedException()
    {
    }

    public CutoverRefusedException(string message)
        : base(message)
    {
    }

    public CutoverRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
