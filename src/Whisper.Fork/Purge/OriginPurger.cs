using Whisper.Fork.Export;
using Whisper.Fork.Scope;
using Whisper.Storage;

namespace Whisper.Fork.Purge;

/// <summary>
/// The origin purge (docs/purge.md): after cutover and the retention window, removes the migrated residents from the
/// source region — store rows and events (deleted, with change-feed deletions), online features, trainer checkpoints
/// (rewritten), origin backups (crypto-shredded) and the export repository's chunks (deleted) — and issues a signed
/// deletion certificate. Every step is journaled (<see cref="PurgeJournal"/>) and idempotent, so a rerun after a
/// crash finishes the job and certifies the same content.
/// </summary>
public static partial class OriginPurger
{
    /// <summary>Measures everything a purge would remove; writes nothing, deletes nothing.</summary>
    /// <exception cref="PurgeRefusedException">The purge may not run yet.</exception>
    public static async Task<PurgePreview> DryRunAsync(PurgeOptions options, IProgress<ForkProgress>? progress = null, CancellationToken ct = default)
    {
        PurgeGate.Check(options);
        var scope = PurgeScope.Load(options.StatePath) ?? await ClassifyAsync(options, progress, ct).ConfigureAwait(false);
        var journal = PurgeJournal.Load(options.StatePath);
        var plan = journal?.Plan ?? await PurgePlanner.PlanAsync(options.Source, scope, progress, ct).ConfigureAwait(false);
        return new PurgePreview(
            ResidentsOf(scope),
            plan,
            CountOnlineFeatures(options, scope, plan),
            CountCheckpoints(options, scope),
            PlanBackups(options, scope),
            MeasureRepository(options));
    }

    /// <summary>Runs (or resumes) the purge and returns its certificate and the certificate's exact bytes.</summary>
    /// <exception cref="PurgeRefusedException">The purge may not run yet; nothing was changed.</exception>
    public static async Task<(DeletionCertificate Certificate, byte[] Bytes)> PurgeAsync(PurgeOptions options, IProgress<ForkProgress>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var state = options.StatePath;
        var certificatePath = Path.Combine(state, DeletionCertificateFile.CertificateName);
        if (File.Exists(certificatePath))
        {
            // Finished before: the certificate stands (re-checked, so a tampered one is not handed out again).
            var existing = File.ReadAllBytes(certificatePath);
            return (DeletionCertificateFile.Verify(existing, File.ReadAllBytes(DeletionCertificateFile.SignaturePathFor(certificatePath)), ExportKey(options)), existing);
        }

        var (_, certified) = PurgeGate.Check(options);
        Directory.CreateDirectory(state);
        var scope = PurgeScope.Load(state);
        if (scope is null)
        {
            scope = await ClassifyAsync(options, progress, ct).ConfigureAwait(false);
            scope.Save(state);
        }

        var journal = PurgeJournal.Load(state);
        if (journal is null)
        {
            var plan = await PurgePlanner.PlanAsync(options.Source, scope, progress, ct).ConfigureAwait(false);
            journal = new PurgeJournal { PurgeId = Guid.CreateVersion7(), PlannedAt = options.Clock.GetUtcNow(), Plan = plan };
            journal.Save(state);
        }

        journal = await EraseCatalogAsync(options, scope, journal, progress, ct).ConfigureAwait(false);
        journal = await EraseEventsAsync(options, scope, journal, progress, ct).ConfigureAwait(false);
        journal = EraseOnlineFeatures(options, scope, journal);
        journal = RewriteCheckpoints(options, scope, journal, progress);
        journal = ShredBackups(options, scope, journal, progress);
        journal = DeleteRepositoryChunks(options, journal);

        var certificate = new DeletionCertificate
        {
            Format = DeletionCertificate.CurrentFormat,
            FormatVersion = DeletionCertificate.CurrentFormatVersion,
            PurgeId = journal.PurgeId,
            PlannedAt = journal.PlannedAt,
            IssuedAt = options.Clock.GetUtcNow(),
            Store = options.SourceIdentity,
            TargetRegion = options.Classifier.Policy.TargetRegion,
            PolicySha256 = options.PolicySha256,
            Manifest = certified,
            RetentionSeconds = (long)options.Retention.TotalSeconds,
            Residents = ResidentsOf(scope),
            EventHead = journal.Plan.EventHead,
            ChangeHead = journal.Plan.ChangeHead,
            Tables = journal.Plan.Tables,
            OnlineFeatureEntities = journal.OnlineFeatureEntities ?? 0,
            Checkpoints = journal.Checkpoints ?? [],
            Backups = journal.Backups,
            Repository = journal.Repository,
        };
        var bytes = DeletionCertificateFile.Write(state, certificate, options.Keys);
        return (certificate, bytes);
    }

    private static async Task<PurgeScope> ClassifyAsync(PurgeOptions options, IProgress<ForkProgress>? progress, CancellationToken ct)
    {
        var residents = await ResidentSets.BuildAsync(options.Source, options.Classifier, progress, ct).ConfigureAwait(false);
        return PurgeScope.From(residents, options.PolicySha256);
    }

    private static CertificateResidents ResidentsOf(PurgeScope scope) => new(scope.UserIds.Length, scope.CreatorIds.Length, scope.IdsSha256);

    private static byte[] ExportKey(PurgeOptions options)
    {
        using var key = options.Keys.OpenVerificationKey();
        return key.ExportSubjectPublicKeyInfo();
    }

    private static async Task<PurgeJournal> EraseCatalogAsync(PurgeOptions options, PurgeScope scope, PurgeJournal journal, IProgress<ForkProgress>? progress, CancellationToken ct)
    {
        var eraser = WhisperStores.EraserOf(options.Source);
        var related = scope.Related;
        var rules = new ErasureRules(related.Follows, related.Orders, related.Videos, related.LiveSessions, related.Products);
        var users = scope.UserIds.ToArray();
        var creators = scope.CreatorIds.ToArray();
        var size = options.CatalogBatch;
        var batches = (int)Math.Max(Math.Ceiling(users.Length / (double)size), Math.Ceiling(creators.Length / (double)size));
        for (var batch = journal.CatalogBatchesDone; batch < batches; batch++)
        {
            await eraser.EraseCatalogAsync(Slice(users, batch, size), Slice(creators, batch, size), rules, ct).ConfigureAwait(false);
            journal = journal with { CatalogBatchesDone = batch + 1 };
            journal.Save(options.StatePath);
            progress?.Report(new ForkProgress("purge catalog", batch + 1, batches, 0, 0));
        }

        return journal;

        static ArraySegment<long> Slice(long[] ids, int batch, int size)
        {
            var start = (int)Math.Min(ids.Length, (long)batch * size);
            return new ArraySegment<long>(ids, start, Math.Min(size, ids.Length - start));
        }
    }

    private static async Task<PurgeJournal> EraseEventsAsync(PurgeOptions options, PurgeScope scope, PurgeJournal journal, IProgress<ForkProgress>? progress, CancellationToken ct)
    {
        var head = journal.Plan.EventHead;
        if (!scope.Related.Events || scope.UserIds.IsEmpty)
        {
            return journal;
        }

        var eraser = WhisperStores.EraserOf(options.Source);
        var users = scope.UserIds.ToArray();
        for (var after = journal.EventsErasedUpTo; after < head;)
        {
            var upTo = Math.Min(head, after + options.EventWindow);
            await eraser.EraseEventsAsync(users, after, upTo, ct).ConfigureAwait(false);
            journal = journal with { EventsErasedUpTo = upTo };
            journal.Save(options.StatePath);
            progress?.Report(new ForkProgress("purge events", upTo, head, 0, 0));
            after = upTo;
        }

        return journal;
    }
}
