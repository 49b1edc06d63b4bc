using Microsoft.Extensions.Time.Testing;

using Whisper.FeatureStore.Definitions;
using Whisper.FeatureStore.Online;
using Whisper.Fork.Backup;
using Whisper.Fork.Export;
using Whisper.Fork.Purge;
using Whisper.Fork.Records;
using Whisper.Fork.Scope;
using Whisper.Fork.Sync;
using Whisper.Fork.Tests.Migration;

namespace Whisper.Fork.Tests.Purge;

/// <summary>
/// An origin after a fork: a generated world exported to a repository, the fork frozen at <see cref="FrozenAt"/>, an
/// origin backup, and an in-process online store holding a feature for every user; the clock stands 31 days later.
/// </summary>
internal sealed class PurgeFixture : IAsyncDisposable
{
    public static readonly DateTimeOffset FrozenAt = DateTimeOffset.FromUnixTimeMilliseconds(1_790_000_000_000);

    private PurgeFixture(ForkFixture fork, InProcessOnlineFeatureStore online)
    {
        Fork = fork;
        Online = online;
    }

    public ForkFixture Fork { get; }

    public InProcessOnlineFeatureStore Online { get; }

    public FakeTimeProvider Clock { get; } = new(FrozenAt.AddDays(31));

    public string Backups => Path.Combine(Fork.Folder, "backups");

    public string BackupFile => Path.Combine(Backups, "origin.wbk");

    public static async Task<PurgeFixture> CreateAsync(bool freeze = true)
    {
        var fork = await ForkFixture.CreateAsync();
        var residents = await fork.ScopeAsync();
        await new ForkExporter(fork.Source, fork.Keys, residents).ExportAsync(fork.ExportOptions());
        if (freeze)
        {
            var manifest = Manifest.ManifestFile.Read(fork.Repository, fork.Keys);
            SyncState.Load(fork.Repository, manifest).With(FrozenAt).Save(fork.Repository);
        }

        Directory.CreateDirectory(Path.Combine(fork.Folder, "backups"));
        await OriginBackup.WriteAsync(fork.Source, fork.Keys, fork.Keys.KeyDirectory, Path.Combine(fork.Folder, "backups", "origin.wbk"));
        var registry = FeatureRegistry.Create(DefaultFeatures.Definitions, DefaultFeatures.ModelInputs);
        var online = new InProcessOnlineFeatureStore(registry);
        var userFeature = registry.IdOf(registry.Features.First(f => f.Entity == FeatureEntity.User).Name);
        await foreach (var user in AllUsersAsync(fork))
        {
            online.Write(FeatureEntity.User, user, userFeature, 1.0, FrozenAt.ToUnixTimeMilliseconds());
        }

        return new PurgeFixture(fork, online);
    }

    public PurgeOptions Options(TimeSpan? retention = null, bool withBackups = true) => new()
    {
        Source = Fork.Source,
        SourceIdentity = new PurgeStoreIdentity("sqlite", Path.Combine(Fork.Folder, "source.db")),
        Repository = Fork.Repository,
        Keys = Fork.Keys,
        KeyDirectory = Fork.Keys.KeyDirectory,
        Classifier = Fork.Classifier,
        PolicySha256 = Fork.PolicySha256,
        Retention = retention ?? TimeSpan.FromDays(30),
        BackupDirectories = withBackups ? [Backups] : [],
        OnlineFeatures = Online,
        Clock = Clock,
    };

    public PurgeVerifier Verifier(PurgeScope scope, bool withBackups = true) => new(scope)
    {
        Source = Fork.Source,
        OnlineFeatures = Online,
        BackupDirectories = withBackups ? [Backups] : [],
        Keys = Fork.Keys,
        KeyDirectory = Fork.Keys.KeyDirectory,
        Repository = Fork.Repository,
    };

    /// <summary>Count and content digest, per table, of every row the scope does NOT include (the non-residents').</summary>
    public async Task<Dictionary<ForkTable, ContentDigest>> OthersAsync(IExportScope residents)
    {
        var digests = new Dictionary<ForkTable, ContentDigest>();
        var head = await Fork.Source.Events.GetHeadAsync();
        foreach (var source in TableSources.All)
        {
            var sink = new DigestSink(source.Table == ForkTable.Events ? 8 : 0);
            var cursor = new ScanCursor(0, 0);
            while (true)
            {
                sink.Buffer.Clear();
                var (scanned, next) = await source.ReadPageAsync(Fork.Source, cursor, 10_000, head, new Complement(residents), sink, CancellationToken.None);
                if (scanned == 0)
                {
                    break;
                }

                cursor = next;
            }

            digests[source.Table] = sink.Digest;
        }

        return digests;
    }

    public ValueTask DisposeAsync() => Fork.DisposeAsync();

    private static async IAsyncEnumerable<long> AllUsersAsync(ForkFixture fork)
    {
        foreach (var user in await fork.Source.Catalog.ListUsersAsync(0, 10_000))
        {
            yield return user.Id;
        }
    }

    private sealed class DigestSink(int offset) : IRecordSink
    {
        private ContentDigest _digest;

        public RecordBuffer Buffer { get; } = new(1 << 16);

        public ContentDigest Digest => _digest;

        public void Committed(int start, RecordKey key, ScanCursor cursor) => _digest.Add(Buffer.WrittenSpan[(start + offset)..]);
    }

    private sealed class Complement(IExportScope inner) : IExportScope
    {
        public long KnownChangePosition => long.MaxValue;

        public bool Includes(Core.Domain.User user) => !inner.Includes(user);

        public bool IncludesUser(long userId) => !inner.IncludesUser(userId);

        public bool Includes(Core.Domain.Creator creator) => !inner.Includes(creator);

        public bool Includes(Core.Domain.Video video) => !inner.Includes(video);

        public bool Includes(Core.Domain.Follow follow) => !inner.Includes(follow);

        public bool Includes(Core.Domain.LiveSession session) => !inner.Includes(session);

        public bool Includes(Core.Domain.Product product) => !inner.Includes(product);

        public bool Includes(Core.Domain.Order order) => !inner.Includes(order);

        public bool Includes(in Core.Domain.EngagementEvent engagementEvent) => !inner.Includes(engagementEvent);

        public void Observe(Core.Domain.User user)
        {
        }

        public void Observe(Core.Domain.Creator creator)
        {
        }
    }
}

/// <summary>Freezes a sync state at a given time, as 'fork sync --freeze' would.</summary>
internal static class SyncStateFreeze
{
    public static SyncState With(this SyncState state, DateTimeOffset frozenAt) => state with { FrozenAt = frozenAt };
}
