namespace Whisper.Security.Evidence;

/// <summary>What verifying a bundle found.</summary>
/// <param name="Manifest">The manifest, once it parsed (null when the bundle is too damaged to say).</param>
/// <param name="SignerFingerprint">SHA-256 of the bundled public key, lowercase hex; empty when there is none.</param>
/// <param name="Pinned">True when the caller pinned a key and the bundle is signed by it.</param>
/// <param name="Problems">Every problem, each naming what was tampered with; empty when the bundle is valid.</param>
public sealed record EvidenceVerification(EvidenceManifest? Manifest, string SignerFingerprint, bool Pinned, IReadOnlyList<string> Problems)
{
    public bool Valid => Problems.Count == 0;
}
