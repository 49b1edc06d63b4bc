namespace Whisper.Security.Evidence;

/// <summary>One artefact as the manifest lists it.</summary>
/// <param name="Path">Archive entry name, below <see cref="EvidenceBundleFormat.ArtefactFolder"/> (see <see cref="EvidencePaths"/>).</param>
/// <param name="Kind">What the artefact is, one of <see cref="EvidenceKinds"/>; it selects the per-kind check.</param>
/// <param name="Size">Length in bytes.</param>
/// <param name="Sha256">SHA-256 of the bytes, lowercase hex.</param>
public sealed record EvidenceFile(string Path, string Kind, long Size, string Sha256);
