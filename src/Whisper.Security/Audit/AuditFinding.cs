namespace Whisper.Security.Audit;

/// <summary>
/// One result. Source files have a 1-based <see cref="Line"/> and <see cref="Column"/> (UTF-16 code units); assemblies
/// have none (0) and give the string's <see cref="ByteOffset"/> in the file and the method it is used in
/// (<see cref="LogicalLocation"/>) instead. <see cref="Evidence"/> is what the fingerprint hashes and is never printed
/// (for a secret it is the secret). <see cref="Fingerprint"/> survives edits elsewhere in the file; see <c>AuditFingerprint</c>.
/// </summary>
public sealed record AuditFinding(
    string RuleId,
    AuditLevel Level,
    string Message,
    string Path,
    int Line,
    int Column,
    int EndLine,
    int EndColumn,
    string Evidence)
{
    public long ByteOffset { get; init; } = -1;

    public int ByteLength { get; init; }

    /// <summary>For assemblies: <c>Namespace.Type.Method</c> the string or call is in.</summary>
    public string? LogicalLocation { get; init; }

    public string Fingerprint { get; init; } = "";

    /// <summary>Known and accepted: listed in the baseline given with <c>--baseline</c>.</summary>
    public bool Suppressed { get; init; }

    public bool IsBinary => Line == 0;
}
