using Whisper.FeatureStore.Definitions;
using Whisper.Fork.Backup;
using Whisper.Fork.Export;
using Whisper.Recommendation.Training;

namespace Whisper.Fork.Purge;

/// <summary>The steps after the store: online features, checkpoints, backups, the export repository — each counted before it acts.</summary>
public static partial class OriginPurger
{
    private const string CheckpointPattern = "ckpt-*.wck";

    private static PurgeJournal EraseOnlineFeatures(PurgeOptions options, PurgeScope scope, PurgeJournal journal)
    {
        if (journal.OnlineFeaturesDone || options.OnlineFeatures is not { } store)
        {
            return journal;
        }

        if (journal.OnlineFeatureEntities is null)
        {
            journal = journal with { OnlineFeatureEntities = CountOnlineFeatures(options, scope, journal.Plan) };
            journal.Save(options.StatePath);
        }

        foreach (var (entity, id) in OnlineEntities(scope, journal.Plan))
        {
            store.Remove(entity, id);
        }

        journal = journal with { OnlineFeaturesDone = true };
        journal.Save(options.StatePath);
        return journal;
    }

    private static long CountOnlineFeatures(PurgeOptions options, PurgeScope scope, PurgePlan plan)
    {
        if (options.OnlineFeatures is not { } store)
        {
            return 0;
        }

        long present = 0;
        foreach (var (entity, id) in OnlineEntities(scope, plan))
        {
            present += store.Contains(entity, id) ? 1 : 0;
        }

        return present;
    }

    /// <summary>Residents' user and session rows, resident creators' rows and their videos' rows.</summary>
    internal static IEnumerable<(FeatureEntity Entity, long Id)> OnlineEntities(PurgeScope scope, PurgePlan plan)
    {
        foreach (var user in scope.UserIds.ToArray())
        {
            yield return (FeatureEntity.User, user);
            yield return (FeatureEntity.Session, user);
        }

        foreach (var creator in scope.CreatorIds.ToArray())
        {
            yield return (FeatureEntity.Creator, creator);
        }

        foreach (var video in plan.VideoIds)
        {
            yield return (FeatureEntity.Video, video);
        }
    }

    private static PurgeJournal RewriteCheckpoints(PurgeOptions options, PurgeScope scope, PurgeJournal journal, IProgress<ForkProgress>? progress)
    {
        if (journal.CheckpointsDone)
        {
            return journal;
        }

        if (journal.Checkpoints is null)
        {
            journal = journal with { Checkpoints = CountCheckpoints(options, scope) };
            journal.Save(options.StatePath);
        }

        var done = 0;
        foreach (var path in CheckpointFiles(options))
        {
            // Rewritten beside the original under a name the trainer ignores, then renamed over it: never half a checkpoint.
            var position = CheckpointTransfer.PositionOf(path);
            var rewritten = path + ".purge";
            CheckpointTransfer.WriteResidentOnly(path, rewritten, id => !scope.IncludesUser(id), position);
            File.Move(rewritten, path, overwrite: true);
            progress?.Report(new ForkProgress("purge checkpoints", ++done, journal.Checkpoints!.Count, 0, 0));
        }

        journal = journal with { CheckpointsDone = true };
        journal.Save(options.StatePath);
        return journal;
    }

    private static List<PurgedCheckpoint> CountCheckpoints(PurgeOptions options, PurgeScope scope)
    {
        var counted = new List<PurgedCheckpoint>();
        foreach (var path in CheckpointFiles(options))
        {
            var match = CheckpointTransfer.FindUsers(path, scope.IncludesUser);
            counted.Add(new PurgedCheckpoint(Path.GetFullPath(path), match.Position, match.UserEntries, match.HistoryEntries));
        }

        return counted;
    }

    internal static IEnumerable<string> CheckpointFiles(PurgeOptions options) =>
        options.CheckpointDirectories.SelectMany(d => Directory.EnumerateFiles(d, CheckpointPattern)).Order(StringComparer.Ordinal);

    private static PurgeJournal ShredBackups(PurgeOptions options, PurgeScope scope, PurgeJournal journal, IProgress<ForkProgress>? progress)
    {
        if (journal.BackupsDone)
        {
            return journal;
        }

        // Which keys go is written down before any is destroyed: a rerun after a crash certifies the same key ids.
        var planned = journal.Backups.ToDictionary(b => b.File, StringComparer.Ordinal);
        var backups = new List<ShreddedBackup>();
        foreach (var path in BackupFiles(options))
        {
            var full = Path.GetFullPath(path);
            var entry = planned.TryGetValue(full, out var known) ? known : PlanBackup(options, scope, full);
            backups.Add(entry);
            if (known is null)
            {
                journal = journal with { Backups = [.. journal.Backups, entry] };
                journal.Save(options.StatePath);
            }

            var vault = BackupKeyVault.Open(BackupKeyVault.PathFor(options.KeyDirectory, entry.VaultId), options.Keys);
            vault.Destroy(vault.Subjects.Where(s => IsResident(scope, s)).ToList());
            progress?.Report(new ForkProgress("shred backups", backups.Count, 0, 0, 0));
        }

        journal = journal with { Backups = backups, BackupsDone = true };
        journal.Save(options.StatePath);
        return journal;
    }

    private static List<ShreddedBackup> PlanBackups(PurgeOptions options, PurgeScope scope) =>
        [.. BackupFiles(options).Select(p => PlanBackup(options, scope, Path.GetFullPath(p)))];

    /// <summary>The residents' frames and records in one backup, and the ids of their keys still in its vault.</summary>
    private static ShreddedBackup PlanBackup(PurgeOptions options, PurgeScope scope, string path)
    {
        var (backupId, vaultId, _) = BackupReader.Describe(path);
        long frames = 0, records = 0;
        BackupReader.ReadFrameHeaders(path, (_, subject, count) =>
        {
            if (IsResident(scope, subject))
            {
                frames++;
                records += count;
            }
        });
        var vault = BackupKeyVault.Open(BackupKeyVault.PathFor(options.KeyDirectory, vaultId), options.Keys);
        var keys = vault.Subjects.Where(s => IsResident(scope, s)).Select(s => BackupKeyVault.KeyIdOf(vaultId, s)).ToList();
        return new ShreddedBackup(path, backupId, vaultId, frames, records, keys);
    }

    internal static bool IsResident(PurgeScope scope, BackupSubject subject) =>
        subject.Kind == BackupSubjectKind.User ? scope.IncludesUser(subject.Id) : scope.IncludesCreator(subject.Id);

    internal static IEnumerable<string> BackupFiles(IEnumerable<string> directories) =>
        directories.SelectMany(d => Directory.EnumerateFiles(d, "*" + BackupFormat.FileExtension)).Order(StringComparer.Ordinal);

    private static IEnumerable<string> BackupFiles(PurgeOptions options) => BackupFiles(options.BackupDirectories);

    private static PurgeJournal DeleteRepositoryChunks(PurgeOptions options, PurgeJournal journal)
    {
        if (journal.RepositoryDone)
        {
            return journal;
        }

        if (journal.Repository is null)
        {
            journal = journal with { Repository = MeasureRepository(options) };
            journal.Save(options.StatePath);
        }

        var chunks = ChunkDirectory(options.Repository);
        if (Directory.Exists(chunks))
        {
            Directory.Delete(chunks, recursive: true);
        }

        journal = journal with { RepositoryDone = true };
        journal.Save(options.StatePath);
        return journal;
    }

    /// <summary>The export's chunks still at the origin: they hold residents' rows only, so the whole folder goes.</summary>
    private static PurgedRepository? MeasureRepository(PurgeOptions options)
    {
        var chunks = ChunkDirectory(options.Repository);
        if (!Directory.Exists(chunks))
        {
            return null;
        }

        var files = Directory.EnumerateFiles(chunks, "*", SearchOption.AllDirectories).Select(f => new FileInfo(f)).ToList();
        var manifest = Manifest.ManifestFile.Read(options.Repository, options.Keys);
        return new PurgedRepository(manifest.ExportId, files.Count, files.Sum(f => f.Length));
    }

    internal static string ChunkDirectory(string repository) => Path.Combine(repository, "chunks");
}
