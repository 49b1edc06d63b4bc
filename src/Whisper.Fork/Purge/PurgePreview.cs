namespace Whisper.Fork.Purge;

/// <summary>
/// What a purge would remove, as a dry run measured it without changing anything: the store's tables (counts and
/// hashes, <see cref="PurgePlan"/>), online-store entities, checkpoints, backups (their residents' frames and the
/// keys that would be destroyed) and the export repository's chunks.
/// </summary>
public sealed record PurgePreview(
    CertificateResidents Residents,
    PurgePlan Plan,
    long OnlineFeatureEntities,
    IReadOnlyList<PurgedCheckpoint> Checkpoints,
    IReadOnlyList<ShreddedBackup> Backups,
    PurgedRepository? Repository);
