namespace Whisper.Security.Compliance.Evidence;

/// <summary>What checking one evidence item found: a status, one sentence of detail and, for a file, its SHA-256.</summary>
public sealed record EvidenceResult(EvidenceStatus Status, string Detail, string? Sha256 = null)
{
    public static EvidenceResult Pass(string detail, string? sha256 = null) => new(EvidenceStatus.Pass, detail, sha256);

    public static EvidenceResult Fail(string detail) => new(EvidenceStatus.Fail, detail);

    public static EvidenceResult Missing(string detail) => new(EvidenceStatus.Missing, detail);

    public static EvidenceResult NotRun(string detail) => new(EvidenceStatus.NotRun, detail);

    /// <summary>True for the results that make <c>whisper compliance</c> exit 1.</summary>
    public bool IsDrift => Status is EvidenceStatus.Fail or EvidenceStatus.Missing;
}
