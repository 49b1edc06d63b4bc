namespace Whisper.Fork.Purge;

/// <summary>
/// The signed record of one origin purge (docs/purge.md, "Deletion certificate"): which store, which residents
/// (by count and a hash of their ids), what was removed from each table (counts and content hashes taken before
/// removal), which backup data keys were destroyed, which checkpoints were rewritten and which export chunks deleted,
/// under which policy and manifest. <c>deletion-certificate.json</c> holds it, <c>deletion-certificate.sig</c> its
/// ECDSA P-256 signature by the region's signing key, and its SHA-256 goes into the transparency log.
/// </summary>
public sealed record DeletionCertificate
{
    public const string CurrentFormat = "whisper-deletion-certificate";
    public const int CurrentFormatVersion = 1;

    public required string Format { get; init; }

    public required int FormatVersion { get; init; }

    public required Guid PurgeId { get; init; }

    /// <summary>When the removal was measured and fixed (the plan); every count and hash dates from then.</summary>
    public required DateTimeOffset PlannedAt { get; init; }

    /// <summary>When the last step finished and the certificate was made.</summary>
    public required DateTimeOffset IssuedAt { get; init; }

    public required PurgeStoreIdentity Store { get; init; }

    public required string TargetRegion { get; init; }

    public required string PolicySha256 { get; init; }

    public required CertificateManifest Manifest { get; init; }

    /// <summary>The retention window that had to pass after the freeze, in seconds.</summary>
    public required long RetentionSeconds { get; init; }

    public required CertificateResidents Residents { get; init; }

    public required long EventHead { get; init; }

    public required long ChangeHead { get; init; }

    public required IReadOnlyList<PurgeTable> Tables { get; init; }

    /// <summary>Online-store entities (user, session, creator and video rows) that held features and were deleted.</summary>
    public required long OnlineFeatureEntities { get; init; }

    public required IReadOnlyList<PurgedCheckpoint> Checkpoints { get; init; }

    public required IReadOnlyList<ShreddedBackup> Backups { get; init; }

    public PurgedRepository? Repository { get; init; }
}

/// <summary>Which store was purged: provider and location (a SQLite file's full path; host, database and schema for PostgreSQL — never a password).</summary>
public sealed record PurgeStoreIdentity(string Provider, string Location);

/// <summary>The export the residents left with: its id, the SHA-256 of manifest.json's bytes, its Merkle root, and when the fork was frozen.</summary>
public sealed record CertificateManifest(Guid ExportId, string Sha256, string MerkleRoot, DateTimeOffset FrozenAt);

/// <summary>How many users and creators were purged, and SHA-256 over their ids (<see cref="PurgeScope.IdsSha256"/>).</summary>
public sealed record CertificateResidents(long Users, long Creators, string IdsSha256);

/// <summary>A trainer checkpoint rewritten without residents' rows: entries removed from its users and history tables.</summary>
public sealed record PurgedCheckpoint(string File, long Position, long UserEntries, long HistoryEntries);

/// <summary>A backup crypto-shredded: the residents' frames and records it holds, and the data key ids destroyed.</summary>
public sealed record ShreddedBackup(string File, Guid BackupId, Guid VaultId, long Frames, long Records, IReadOnlyList<string> KeysDestroyed);

/// <summary>The export repository's chunks deleted at the origin (they held residents' rows only).</summary>
public sealed record PurgedRepository(Guid ExportId, long Chunks, long Bytes);
