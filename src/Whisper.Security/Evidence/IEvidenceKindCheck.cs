namespace Whisper.Security.Evidence;

/// <summary>
/// A check of what one kind of artefact says, beyond its hash: that a SARIF file is SARIF, that a model registry's
/// entries are in the log, that a deletion certificate carries the region's signature. Runs only on artefacts whose
/// bytes already match the signed manifest. Checks that need other modules (models, fork) live with the CLI, which
/// references them all; this project must not.
/// </summary>
public interface IEvidenceKindCheck
{
    /// <summary>The <see cref="EvidenceKinds"/> value this check applies to.</summary>
    string Kind { get; }

    /// <summary>Problems found in <paramref name="file"/>, each one sentence naming it; empty when it checks out.</summary>
    IReadOnlyList<string> Check(EvidenceFile file, EvidenceContents bundle);
}
