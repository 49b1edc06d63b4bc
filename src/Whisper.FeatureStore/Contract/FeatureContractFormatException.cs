namespace Whisper.FeatureStore.Contract;

/// <summary>A contract or feature file that cannot be read: bad JSON, an unknown format or version, a malformed feature. The message is one line saying what and how to fix it.</summary>
public sealed class FeatureContractFormatException(string message, Exception? inner = null) : Exception(message, inner);
