using Whisper.Fork.Purge;
using Whisper.Recommendation.Attestation;
using Whisper.Recommendation.RankingAudit;
using Whisper.Security.Evidence;
using Whisper.Server.Transparency;

namespace Whisper.Cli.Commands;

/// <summary>
/// The per-kind checks that need modules Whisper.Security must not reference: model registry entries against the
/// log's key (<see cref="ModelRegistryVerifier"/>), deletion certificates against the region's key
/// (<see cref="DeletionCertificateFile.Verify(ReadOnlySpan{byte}, ReadOnlySpan{byte}, ReadOnlySpan{byte})"/>),
/// tree heads against the log's key, and the manipulation report's format.
/// </summary>
public static class AuditBundleKindChecks
{
    public static IReadOnlyList<IEvidenceKindCheck> All { get; } =
    [
        new KindCheck(EvidenceKinds.ModelRegistry, ModelRegistryProblems),
        new KindCheck(EvidenceKinds.DeletionCertificate, CertificateProblems),
        new KindCheck(EvidenceKinds.TreeHead, TreeHeadProblems),
        new JsonEvidenceCheck(EvidenceKinds.ManipulationReport, root =>
            root.TryGetProperty("format", out var f) && f.TryGetInt32(out var format) && format == ManipulationReport.CurrentFormat
            && root.TryGetProperty("findings", out _)
                ? null
                : $"is not a manipulation report format {ManipulationReport.CurrentFormat}"),
    ];

    private static List<string> ModelRegistryProblems(EvidenceFile file, EvidenceContents bundle)
    {
        if (LogKey(bundle) is not { } logKey)
        {
            return [$"{file.Path} cannot be checked: the bundle has no {EvidenceKinds.LogPublicKey}."];
        }

        ModelRegistry registry;
        // ModelRegistry reads only from a path (its JSON contract is internal to its module), so the bytes go through a private temporary file.
        var temporary = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(temporary, bundle.Read(file.Path)!);
            registry = ModelRegistry.Load(temporary);
        }
        catch (ModelAttestationException e)
        {
            return [$"{file.Path} is not a model registry ({e.Message.Replace(temporary, "it", StringComparison.Ordinal).TrimEnd('.')})."];
        }
        finally
        {
            File.Delete(temporary);
        }

        var problems = new List<string>();
        foreach (var entry in registry.Models)
        {
            if (ModelRegistryVerifier.Problem(entry, logKey) is { } problem)
            {
                problems.Add($"{file.Path}: {problem}");
            }
        }

        return problems;
    }

    private static IReadOnlyList<string> CertificateProblems(EvidenceFile file, EvidenceContents bundle)
    {
        var signaturePath = Path.ChangeExtension(file.Path, ".sig");
        if (bundle.Manifest.Files.FirstOrDefault(f => f.Path == signaturePath && f.Kind == EvidenceKinds.DeletionCertificateSignature) is null
            || bundle.Read(signaturePath) is not { } signature)
        {
            return [$"{file.Path} has no intact signature {signaturePath}; an unsigned certificate is never trusted."];
        }

        try
        {
            // The bundle's signer is the region's signing key, the key purges sign certificates with.
            DeletionCertificateFile.Verify(bundle.Read(file.Path), signature, bundle.SignerPublicKey);
            return [];
        }
        catch (PurgeCertificateException e)
        {
            return [$"{file.Path}: {e.Message}."];
        }
    }

    private static IReadOnlyList<string> TreeHeadProblems(EvidenceFile file, EvidenceContents bundle)
    {
        if (LogKey(bundle) is not { } logKey)
        {
            return [$"{file.Path} cannot be checked: the bundle has no {EvidenceKinds.LogPublicKey}."];
        }

        try
        {
            var document = System.Text.Json.JsonSerializer.Deserialize(bundle.Read(file.Path), TransparencyJsonContext.Default.SignedTreeHeadDocument);
            if (document is null || !document.TryToSignedTreeHead(out var head) || head is null)
            {
                return [$"{file.Path} is not a signed tree head."];
            }

            return head.Verify(logKey) ? [] : [$"{file.Path}: the tree head is not signed by the bundled log key."];
        }
        catch (System.Text.Json.JsonException e)
        {
            return [$"{file.Path} is not a signed tree head ({e.Message.TrimEnd('.')})."];
        }
    }

    private static byte[]? LogKey(EvidenceContents bundle) =>
        bundle.FirstOfKind(EvidenceKinds.LogPublicKey) is { } key ? bundle.Read(key.Path) : null;

    private sealed class KindCheck(string kind, Func<EvidenceFile, EvidenceContents, IReadOnlyList<string>> check) : IEvidenceKindCheck
    {
        public string Kind => kind;

        public IReadOnlyList<string> Check(EvidenceFile file, EvidenceContents bundle) => check(file, bundle);
    }
}
