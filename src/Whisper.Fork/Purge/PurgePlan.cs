using Whisper.Fork.Records;

namespace Whisper.Fork.Purge;

/// <summary>
/// What a purge removes from the store, measured before anything is removed: per table the records the scope
/// includes, their <see cref="ContentDigest"/> (the export manifest's digest, so the two can be compared) and a SHA-256
/// over the records in scan order; the log heads it was taken at; and the resident creators' video ids (their online
/// features go too).
/// </summary>
public sealed record PurgePlan(long EventHead, long ChangeHead, IReadOnlyList<PurgeTable> Tables, IReadOnlyList<long> VideoIds)
{
    public long Records => Tables.Sum(t => t.Records);
}

/// <summary>
/// One table's share: <see cref="Sha256"/> is SHA-256 over, for each removed record in key order (events: sequence
/// order), its content bytes' length (int32 little-endian) then the content bytes (docs/purge.md).
/// </summary>
public sealed record PurgeTable(string Table, long Records, string DigestSum, string Sha256);
