namespace Whisper.Storage;

/// <summary>Opens a region's store on the configured provider.</summary>
public static partial class WhisperStores
{
}
