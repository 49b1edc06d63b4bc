namespace Whisper.Security.Transparency;

/// <summary>
/// What opening a log did to its files' tails after a crash (docs/security/transparency-log.md, "Recovery"). All zero
/// after a clean shutdown.
/// </summary>
/// <param name="DroppedHashRecords">Records at the end of <c>hashes.dat</c> that did not match their leaf (a torn write); rebuilt from the leaves when those were whole.</param>
/// <param name="RecoveredLeaves">Whole leaves found in <c>leaves.dat</c> past the last hash record and indexed again: an append that was durable but never acknowledged.</param>
/// <param name="TruncatedLeafBytes">Bytes cut from the end of <c>leaves.dat</c>: a torn last leaf.</param>
/// <param name="TruncatedHashBytes">Bytes cut from the end of <c>hashes.dat</c>, including a torn last record.</param>
public sealed record LogRecovery(long DroppedHashRecords, long RecoveredLeaves, long TruncatedLeafBytes, long TruncatedHashBytes)
{
    public static LogRecovery None { get; } = new(0, 0, 0, 0);

    /// <summary>True when the files were changed on open.</summary>
    public bool Changed => DroppedHashRecords != 0 || RecoveredLeaves != 0 || TruncatedLeafBytes != 0 || TruncatedHashBytes != 0;
}
