using Whisper.FeatureStore.Online;
using Whisper.Fork.Backup;
using Whisper.Fork.Export;
using Whisper.Fork.Keys;
using Whisper.Fork.Records;
using Whisper.Recommendation.Training;
using Whisper.Storage;

namespace Whisper.Fork.Purge;

/// <summary>
/// verify-purge (docs/purge.md): reads everything the purge was meant to clear, by the residents fixed in the purge's
/// scope, and reports every resident record it can still read — a store row or event, an online-store entity, a
/// checkpoint row, a backup frame whose key still decrypts it, an export chunk left at the origin. It does not trust
/// the certificate: it looks.
/// </summary>
public sealed class PurgeVerifier(PurgeScope scope)
{
    /// <summary>Survivors named in a report; the rest are counted.</summary>
    public const int MaxNamed = 100;

    private const int PageSize = 10_000;

    private readonly List<PurgeSurvivor> _named = [];
    private long _survivors;
    private long _scanned;
    private long _shredded;

    public IWhisperStore? Source { get; init; }

    public string SourceName { get; init; } = "store";

    public IOnlineFeatureEraser? OnlineFeatures { get; init; }

    /// <summary>Video ids whose online features must be gone (the purge plan's resident creators' videos).</summary>
    public IReadOnlyList<long> VideoIds { get; init; } = [];

    public IReadOnlyList<string> CheckpointDirectories { get; init; } = [];

    public IReadOnlyList<string> BackupDirectories { get; init; } = [];

    public IKeyProvider? Keys { get; init; }

    public string? KeyDirectory { get; init; }

    /// <summary>The export repository, whose chunks must be gone from the origin.</summary>
    public string? Repository { get; init; }

    public async Task<PurgeVerifyReport> VerifyAsync(IProgress<ForkProgress>? progress = null, CancellationToken ct = default)
    {
        if (Source is { } store)
        {
            await ScanStoreAsync(store, progress, ct).ConfigureAwait(false);
        }

        ScanOnlineFeatures();
        ScanCheckpoints();
        ScanBackups(progress);
        ScanRepository();
        return new PurgeVerifyReport(_scanned, _survivors, [.. _named], _shredded);
    }

    private void Found(string where, string table, string key, string detail)
    {
        _survivors++;
        if (_named.Count < MaxNamed)
        {
            _named.Add(new PurgeSurvivor(where, table, key, detail));
        }
    }

    private async Task ScanStoreAsync(IWhisperStore store, IProgress<ForkProgress>? progress, CancellationToken ct)
    {
        var head = await store.Events.GetHeadAsync(ct).ConfigureAwait(false);
        foreach (var source in TableSources.All)
        {
            var name = ForkTables.NameOf(source.Table);
            var sink = new SurvivorSink(this, SourceName, name);
            var total = await source.CountAsync(store, head, ct).ConfigureAwait(false);
            var cursor = new ScanCursor(0, 0);
            long done = 0;
            while (true)
            {
                sink.Buffer.Clear();
                var (scanned, next) = await source.ReadPageAsync(store, cursor, PageSize, head, scope, sink, ct).ConfigureAwait(false);
                if (scanned == 0)
                {
                    break;
                }

                _scanned += scanned;
                done += scanned;
                cursor = next;
                progress?.Report(new ForkProgress("verify " + name, done, total, done, 0));
            }
        }
    }

    private void ScanOnlineFeatures()
    {
        if (OnlineFeatures is not { } online)
        {
            return;
        }

        foreach (var (entity, id) in OriginPurger.OnlineEntities(scope, new PurgePlan(0, 0, [], VideoIds)))
        {
            _scanned++;
            if (online.Contains(entity, id))
            {
                Found("online features", entity.ToString().ToLowerInvariant(), id.ToString(System.Globalization.CultureInfo.InvariantCulture), "the online store still holds features for it");
            }
        }
    }

    private void ScanCheckpoints()
    {
        foreach (var path in CheckpointDirectories.SelectMany(d => Directory.EnumerateFiles(d, "ckpt-*.wck")).Order(StringComparer.Ordinal))
        {
            var match = CheckpointTransfer.FindUsers(path, scope.IncludesUser);
            _scanned++;
            foreach (var user in match.UserIds)
            {
                Found(path, "checkpoint users/history", "user:" + user.ToString(System.Globalization.CultureInfo.InvariantCulture), "the checkpoint still holds an embedding or history row for it");
            }
        }
    }

    private void ScanBackups(IProgress<ForkProgress>? progress)
    {
        if (BackupDirectories.Count == 0)
        {
            return;
        }

        var keys = Keys ?? throw new InvalidOperationException("verifying backups needs the region's keys (the vaults are in the key directory)");
        var keyDirectory = KeyDirectory ?? throw new InvalidOperationException("verifying backups needs the key directory that holds the backup vaults");
        foreach (var path in OriginPurger.BackupFiles(BackupDirectories))
        {
            var (_, vaultId, _) = BackupReader.Describe(path);
            BackupReader.Read(path, keys, keyDirectory, (in BackupFrame frame) =>
            {
                _scanned += frame.Records;
                if (!OriginPurger.IsResident(scope, frame.Subject))
                {
                    return;
                }

                if (frame.Status == BackupFrameStatus.KeyDestroyed)
                {
                    _shredded++;
                    return;
                }

                Found(path, ForkTables.NameOf(frame.Table), frame.Subject.ToString(),
                    $"{frame.Records} record(s) still decrypt under key {BackupKeyVault.KeyIdOf(vaultId, frame.Subject)}");
            });
            progress?.Report(new ForkProgress("verify backups", _scanned, 0, _scanned, 0));
        }
    }

    private void ScanRepository()
    {
        if (Repository is null || !Directory.Exists(OriginPurger.ChunkDirectory(Repository)))
        {
            return;
        }

        foreach (var chunk in Directory.EnumerateFiles(OriginPurger.ChunkDirectory(Repository), "*", SearchOption.AllDirectories))
        {
            _scanned++;
            Found(Repository, "export chunk", Path.GetFileName(chunk), "the export repository at the origin still holds the residents' chunk");
        }
    }

    /// <summary>Every row the scope includes is a survivor; rows are counted as scanned by the caller.</summary>
    private sealed class SurvivorSink(PurgeVerifier verifier, string where, string table) : IRecordSink
    {
        public RecordBuffer Buffer { get; } = new(1 << 16);

        public void Committed(int start, RecordKey key, ScanCursor cursor) =>
            verifier.Found(where, table, key.ToString(), table == "events" ? "event sequence " + key : "row still in the store");
    }
}
