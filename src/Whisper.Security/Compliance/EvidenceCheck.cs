using Whisper.Security.Compliance.Evidence;

namespace Whisper.Security.Compliance;

/// <summary>One evidence item of a control and what checking it found.</summary>
public sealed record EvidenceCheck(EvidenceItem Item, EvidenceResult Result);
