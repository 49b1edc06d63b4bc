using Whisper.Recommendation.Training;

namespace Whisper.Recommendation.Attestation;

/// <summary>
/// The engine's gate (<see cref="Engine.RecommendationEngineOptions.ModelAttestation"/>): the engine starts only from
/// the newest checkpoint in its directory, and only when that file's SHA-256 is approved in the verified registry —
/// hashed before the trainer reads it and again after, so a file swapped in between is caught too. What approval
/// covers for an online-trained model is in docs/model-attestation.md ("Online training").
/// </summary>
public sealed class ModelAttestation(ApprovedModels approved)
{
    public ApprovedModels Approved { get; } = approved ?? throw new ArgumentNullException(nameof(approved));

    /// <summary>Finds the newest checkpoint in <paramref name="directory"/> (by name, as the trainer's resume does) and checks its approval.</summary>
    /// <exception cref="ModelAttestationException">No checkpoint, or its hash is not approved.</exception>
    public AttestedModel AttestNewestCheckpoint(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var newest = Directory.Exists(directory)
            ? Directory.GetFiles(directory, CheckpointNaming.Pattern).Max(Comparer<string>.Create(static (a, b) => string.CompareOrdinal(Path.GetFileName(a), Path.GetFileName(b))))
            : null;
        if (newest is null)
        {
            throw new ModelAttestationException(
                $"no checkpoint in {directory}: a model trained from nothing at start has no approval; train a checkpoint, approve it ('whisper model approve --checkpoint <file> --log <tlog>') and start again.");
        }

        return Attest(newest);
    }

    /// <summary>Checks that <paramref name="path"/>'s bytes are approved.</summary>
    /// <exception cref="ModelAttestationException">Its hash is not in the registry.</exception>
    public AttestedModel Attest(string path)
    {
        var sha256 = ModelArtifact.Sha256OfFile(path);
        var approval = Approved.Find(sha256)
            ?? throw new ModelAttestationException(
                $"model {path} (sha256 {sha256}) is not approved: no logged approval has this hash. If the file is the one reviewed, approve it with 'whisper model approve --checkpoint {path} --log <tlog>'; if it was approved before, its bytes changed since.");
        return new AttestedModel(path, sha256, approval);
    }

    /// <summary>
    /// After the trainer resumed: it read <paramref name="attested"/>'s file (not another), whose bytes are still the
    /// approved ones, and the model serves under the approved version.
    /// </summary>
    /// <exception cref="ModelAttestationException">Another file was read, the file changed, or the version differs.</exception>
    public static void ConfirmResumed(AttestedModel attested, string? resumedFrom, string modelVersion)
    {
        ArgumentNullException.ThrowIfNull(attested);
        if (resumedFrom is null || !string.Equals(Path.GetFullPath(resumedFrom), Path.GetFullPath(attested.Path), StringComparison.Ordinal))
        {
            throw new ModelAttestationException($"the trainer did not resume from the approved checkpoint {attested.Path} (it read {resumedFrom ?? "nothing"}: the approved file may be unreadable).");
        }

        if (ModelArtifact.Sha256OfFile(attested.Path) != attested.Sha256)
        {
            throw new ModelAttestationException($"checkpoint {attested.Path} changed while it was loaded; refusing to serve it.");
        }

        if (modelVersion != attested.Approval.Version)
        {
            throw new ModelAttestationException($"the loaded model is version {modelVersion}, but the approval is for {attested.Approval.Version}.");
        }
    }
}
