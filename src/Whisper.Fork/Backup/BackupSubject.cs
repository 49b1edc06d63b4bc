using System.Buffers.Binary;
using System.Globalization;

using Whisper.Fork.Records;

namespace Whisper.Fork.Backup;

/// <summary>Whose data a backup record is, and so which data key seals it: a user (their own rows) or a creator (the profile and what it publishes).</summary>
public enum BackupSubjectKind : byte
{
    User = 1,
    Creator = 2,
}

/// <summary>
/// One owner of backup records: each subject has its own data key in the vault, so destroying that one key makes
/// exactly that subject's records unreadable (crypto-shredding, docs/purge.md).
/// </summary>
public readonly record struct BackupSubject(BackupSubjectKind Kind, long Id) : IComparable<BackupSubject>
{
    public int CompareTo(BackupSubject other) => Kind != other.Kind ? Kind.CompareTo(other.Kind) : Id.CompareTo(other.Id);

    public static bool operator <(BackupSubject left, BackupSubject right) => left.CompareTo(right) < 0;

    public static bool operator <=(BackupSubject left, BackupSubject right) => left.CompareTo(right) <= 0;

    public static bool operator >(BackupSubject left, BackupSubject right) => left.CompareTo(right) > 0;

    public static bool operator >=(BackupSubject left, BackupSubject right) => left.CompareTo(right) >= 0;

    /// <summary>"user:42" or "creator:7": how key ids and reports name the subject.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{(Kind == BackupSubjectKind.User ? "user" : "creator")}:{Id}");

    /// <summary>
    /// The owner of an encoded record (<see cref="RecordCodecs"/> layout): the acting user for users, follows (the
    /// follower), orders (the buyer) and events; the creator for creators, videos, live sessions and products. Read
    /// straight from the record's bytes: the owner's id is a little-endian int64 at a fixed offset in every layout.
    /// </summary>
    public static BackupSubject Of(ForkTable table, ReadOnlySpan<byte> record) => table switch
    {
        ForkTable.Users or ForkTable.Follows => new(BackupSubjectKind.User, BinaryPrimitives.ReadInt64LittleEndian(record)),
        ForkTable.Orders => new(BackupSubjectKind.User, BinaryPrimitives.ReadInt64LittleEndian(record[8..])),
        ForkTable.Events => new(BackupSubjectKind.User, BinaryPrimitives.ReadInt64LittleEndian(record[24..])),
        ForkTable.Creators => new(BackupSubjectKind.Creator, BinaryPrimitives.ReadInt64LittleEndian(record)),
        ForkTable.Videos or ForkTable.LiveSessions or ForkTable.Products => new(BackupSubjectKind.Creator, BinaryPrimitives.ReadInt64LittleEndian(record[8..])),
        _ => throw new ArgumentOutOfRangeException(nameof(table), table, "backups hold record tables only"),
    };
}
