namespace Whisper.Storage;

/// <summary>An event in a batch broke <see cref="Whisper.Core.Validation.EventRules"/>; nothing of the batch was stored.</summary>
public sealed class InvalidEventException(int index, string message)
    : ArgumentException($"event[{index}]: {message}")
{
    /// <summary>Position of the first bad event in the batch.</summary>
    public int Index { get; } = index;

    /// <summary>The rule's message without the index prefix.</summary>
    public string Reason { get; } = message;
}
