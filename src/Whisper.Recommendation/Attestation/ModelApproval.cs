using Whisper.Core.Integrity;
using Whisper.Security.Transparency;

namespace Whisper.Recommendation.Attestation;

/// <summary>
/// Approves a model file: appends a <see cref="LogEntryKind.Model"/> entry (subject = version id, digest = SHA-256 of
/// the file) to the transparency log and records it, with its inclusion proof against the head the append returned, in
/// the registry. Approving a file whose hash is already registered changes nothing and returns the existing entry.
/// </summary>
public static class ModelApproval
{
    /// <summary>Longest approver name, in characters.</summary>
    public const int MaxApproverLength = 128;

    /// <exception cref="ModelAttestationException">Bad approver, unreadable file or registry.</exception>
    public static async Task<ModelRegistryEntry> ApproveAsync(
        ITransparencyLog log, string registryPath, string modelPath, string approver, string? version = null, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(log);
        if (ApproverProblem(approver) is { } problem)
        {
            throw new ModelAttestationException(problem);
        }

        var registry = ModelRegistry.LoadOrEmpty(registryPath);
        var artifact = ModelArtifact.Describe(modelPath, version);
        if (registry.FindBySha256(artifact.Sha256) is { } existing)
        {
            return existing;
        }

        if (LogEntry.SubjectProblem(artifact.VersionId) is { } subjectProblem)
        {
            throw new ModelAttestationException($"version '{artifact.VersionId}' cannot be logged: {subjectProblem}");
        }

        var entry = new LogEntry(LogEntryKind.Model, artifact.VersionId, artifact.Sha256, (time ?? TimeProvider.System).GetUtcNow());
        var appended = await log.AppendAsync(entry, cancellationToken).ConfigureAwait(false);
        var index = appended.FirstIndex;
        var leaf = entry.ToLeafBytes();
        var evidence = new ModelLogEvidence(
            index,
            Convert.ToBase64String(leaf),
            Convert.ToBase64String(MerkleTree.LeafHash(leaf)),
            [.. log.InclusionProof(index, appended.Head.TreeSize).Select(Convert.ToBase64String)],
            ModelRegistryVerifier.From(appended.Head));
        var approved = new ModelRegistryEntry(
            artifact.Version, artifact.VersionId, artifact.Kind, Path.GetFileName(artifact.Path), artifact.Position, artifact.Size,
            artifact.Sha256, entry.Timestamp, approver, evidence);
        registry.With(approved).Save(registryPath);
        return approved;
    }

    /// <summary>Null for a usable approver name (1..128 characters, no control characters), else why not.</summary>
    public static string? ApproverProblem(string? approver)
    {
        if (string.IsNullOrWhiteSpace(approver) || approver.Length > MaxApproverLength || approver.Any(char.IsControl))
        {
            return $"approver must be 1..{MaxApproverLength} characters without control characters (e.g. --approver model-review).";
        }

        return null;
    }
}
