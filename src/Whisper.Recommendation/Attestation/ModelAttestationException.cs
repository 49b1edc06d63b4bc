namespace Whisper.Recommendation.Attestation;

/// <summary>A model that may not be served, or an approval record that does not verify; the message names the file and the fix.</summary>
public sealed class ModelAttestationException : Exception
{
    public ModelAttestationException()
    {
    }

    public ModelAttestationException(string message)
        : base(message)
    {
    }

    public ModelAttestationException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
