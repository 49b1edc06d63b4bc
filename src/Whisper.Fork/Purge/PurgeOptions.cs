using Whisper.FeatureStore.Online;
using Whisper.Fork.Keys;
using Whisper.Fork.Residency;
using Whisper.Storage;

namespace Whisper.Fork.Purge;

/// <summary>What one purge (or dry run, or verify-purge) covers.</summary>
public sealed record PurgeOptions
{
    /// <summary>The origin store the residents left.</summary>
    public required IWhisperStore Source { get; init; }

    /// <summary>How the certificate names <see cref="Source"/>.</summary>
    public required PurgeStoreIdentity SourceIdentity { get; init; }

    /// <summary>The export repository the residents left with: manifest.json/.sig and sync.state (the freeze).</summary>
    public required string Repository { get; init; }

    /// <summary>The region's keys: the manifest's and certificate's signing pair, and the master keys that wrap backup vaults.</summary>
    public required IKeyProvider Keys { get; init; }

    /// <summary>The key directory that holds the backup vaults (<see cref="Backup.BackupKeyVault.DirectoryName"/>).</summary>
    public required string KeyDirectory { get; init; }

    /// <summary>Classifies the source on the first run; afterwards the scope saved in the state directory is used.</summary>
    public required ResidencyClassifier Classifier { get; init; }

    /// <summary>SHA-256 of the policy file: must be the manifest's.</summary>
    public required string PolicySha256 { get; init; }

    /// <summary>How long after the freeze the origin keeps the residents' data before it may be purged.</summary>
    public required TimeSpan Retention { get; init; }

    /// <summary>Where the journal, the scope and the certificate live; default <c>&lt;repository&gt;/purge</c>.</summary>
    public string? StateDirectory { get; init; }

    /// <summary>Trainer checkpoint directories (<c>ckpt-*.wck</c>) to rewrite without residents' rows.</summary>
    public IReadOnlyList<string> CheckpointDirectories { get; init; } = [];

    /// <summary>Directories holding origin backups (<c>*.wbk</c>) to crypto-shred.</summary>
    public IReadOnlyList<string> BackupDirectories { get; init; } = [];

    /// <summary>The online feature store serving the origin, when it is reachable from here (Redis).</summary>
    public IOnlineFeatureEraser? OnlineFeatures { get; init; }

    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Residents (and creators) erased per catalog transaction: ~1,000 ids keeps one transaction to milliseconds. 1..<see cref="IStoreEraser.MaxIdsPerCall"/>.</summary>
    public int CatalogBatch { get; init; } = 1_000;

    /// <summary>Event sequences per erasure transaction.</summary>
    public long EventWindow { get; init; } = 100_000;

    public string StatePath => StateDirectory ?? Path.Combine(Repository, "purge");
}
