namespace Whisper.Recommendation.Attestation;

/// <summary>The checkpoint the engine serves from, and the approval that allows it.</summary>
/// <param name="Path">The checkpoint file.</param>
/// <param name="Sha256">Its hash, checked before and after the trainer read it.</param>
/// <param name="Approval">The registry entry (version, log index, proof).</param>
public sealed record AttestedModel(string Path, string Sha256, ModelRegistryEntry Approval);
