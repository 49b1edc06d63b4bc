namespace Whisper.Cli;

/// <summary>Bad input found after parsing (a value out of range, a missing file): exit code 2 and one line.</summary>
public sealed class UsageException(string message) : Exception(message);
