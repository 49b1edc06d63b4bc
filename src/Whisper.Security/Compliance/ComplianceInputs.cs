namespace Whisper.Security.Compliance;

/// <summary>
/// Deployment inputs that some probes need and the catalog cannot name, because they differ per deployment
/// (<c>whisper compliance --tlog --tlog-head --keys</c>). A probe whose input is absent reports <c>not-run</c>.
/// </summary>
public sealed record ComplianceInputs
{
    public static ComplianceInputs None { get; } = new();

    /// <summary>A transparency log directory (<c>leaves.dat</c>, <c>hashes.dat</c>, <c>head-signing.spki</c>).</summary>
    public string? TlogDirectory { get; init; }

    /// <summary>A signed tree head saved earlier (<c>whisper tlog head</c> output), pinned: the log must be consistent with it.</summary>
    public string? TlogHead { get; init; }

    /// <summary>Key files or key directories that must be readable by their owner only.</summary>
    public IReadOnlyList<string> KeyPaths { get; init; } = [];
}
