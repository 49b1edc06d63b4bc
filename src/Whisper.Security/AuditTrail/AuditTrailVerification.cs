namespace Whisper.Security.AuditTrail;

/// <summary>What <see cref="AuditTrailVerifier.Verify"/> found.</summary>
/// <param name="IsValid">The chain is whole and every anchor in the log matches the file.</param>
/// <param name="TrailId">The trail's id, from its header.</param>
/// <param name="Records">Records read (up to the first broken one when invalid).</param>
/// <param name="AnchorsChecked">Anchors of this trail found in the log, each with a verified inclusion proof.</param>
/// <param name="LastAnchoredSequence">Highest record sequence an anchor covers (0: only the header); later records are held by the chain alone.</param>
/// <param name="BrokenSequence">The first broken record (0: the header), when invalid.</param>
/// <param name="BrokenLine">Its line in the file (1-based), when it is in the file.</param>
/// <param name="Problem">Why, in one sentence, when invalid.</param>
/// <param name="TornBytes">Bytes of an unterminated last line ignored (a crash mid-append; the writer cuts it on open).</param>
public sealed record AuditTrailVerification(
    bool IsValid,
    string TrailId,
    long Records,
    int AnchorsChecked,
    long LastAnchoredSequence,
    long? BrokenSequence,
    long? BrokenLine,
    string? Problem,
    long TornBytes);
