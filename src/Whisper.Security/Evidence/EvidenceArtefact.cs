namespace Whisper.Security.Evidence;

/// <summary>An artefact to bundle: where it goes in the archive, its kind, and its exact bytes.</summary>
public sealed record EvidenceArtefact(string Path, string Kind, ReadOnlyMemory<byte> Content);
