namespace Whisper.FeatureStore.Sessions;

/// <summary>A session-state export that cannot be imported (bad JSON, another format, an unknown version, a malformed entry). Nothing is imported.</summary>
public sealed class SessionStateFormatException(string message, Exception? inner = null) : Exception(message, inner);
