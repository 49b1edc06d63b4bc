namespace Whisper.Cli;

/// <summary>The whisper command's exit codes; scripts and CI depend on them.</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>A check or an operation failed (a store error, a failed verification).</summary>
    public const int Failed = 1;

    /// <summary>Bad input: an unknown verb or option, a value out of range, a missing file.</summary>
    public const int BadInput = 2;

    /// <summary>Interrupted by Ctrl+C; the work done so far is kept and a re-run resumes it.</summary>
    public const int Interrupted = 130;
}
