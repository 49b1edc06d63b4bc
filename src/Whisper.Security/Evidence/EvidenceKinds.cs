namespace Whisper.Security.Evidence;

/// <summary>The artefact kinds a manifest may name; a reader refuses any other.</summary>
public static class EvidenceKinds
{
    /// <summary>A <c>whisper audit</c> report, SARIF 2.1.0.</summary>
    public const string Sarif = "sarif";

    /// <summary>The model registry (docs/model-attestation.md).</summary>
    public const string ModelRegistry = "model-registry";

    /// <summary>The transparency log's tree head public key (DER SPKI) the registry's heads are checked under.</summary>
    public const string LogPublicKey = "log-public-key";

    /// <summary>A signed tree head as <c>whisper tlog head</c> prints it.</summary>
    public const string TreeHead = "tree-head";

    /// <summary>A deletion certificate (docs/purge.md); its signature is the <see cref="DeletionCertificateSignature"/> of the same name with <c>.sig</c>.</summary>
    public const string DeletionCertificate = "deletion-certificate";

    public const string DeletionCertificateSignature = "deletion-certificate-signature";

    /// <summary>A <c>whisper integrity ranking</c> report (docs/manipulation-audit.md).</summary>
    public const string ManipulationReport = "manipulation-report";

    /// <summary>A <c>whisper compliance --json</c> report.</summary>
    public const string ComplianceReport = "compliance-report";

    public static IReadOnlySet<string> All { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        Sarif, ModelRegistry, LogPublicKey, TreeHead, DeletionCertificate, DeletionCertificateSignature, ManipulationReport, ComplianceReport,
    };
}
