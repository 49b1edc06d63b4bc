using Whisper.Core.Domain;
using Whisper.Fork.Export;
using Whisper.Fork.Import;
using Whisper.Fork.Sync;
using Whisper.Fork.Verify;

namespace Whisper.Fork.Tests.Migration;

public sealed class SyncTests
{
    private static readonly DateTimeOffset At = DateTimeOffset.FromUnixTimeMilliseconds(1_790_000_000_000);

    [Fact]
    public async Task WritesDuringTheSnapshot_AreNeitherMissedNorAppliedTwice()
    {
        await using var f = await ForkFixture.CreateAsync();
        var scope = await f.ScopeAsync();
        var users = await f.Source.Catalog.ListUsersAsync(0, 10_000);
        var resident = users.First(u => scope.Includes(u));
        var foreigner = users.First(u => !scope.Includes(u));
        var video = (await f.Source.Catalog.ListVideosAsync(0, 1))[0];

        // A writer keeps the source busy while the export reads it: new residents sign up, everyone watches videos.
        using var stop = new CancellationTokenSource();
        var written = 0;
        var writer = Task.Run(async () =>
        {
            var newId = users.Max(u => u.Id) + 1;
            for (var round = 0; !stop.IsCancellationRequested || round < 5; round++)
            {
                var newcomer = resident with { Id = newId++, Handle = $"newcomer{round}" };
                await f.Source.Catalog.UpsertUsersAsync([newcomer]);
                var batch = new List<EngagementEvent>();
                foreach (var who in new[] { resident.Id, foreigner.Id, newcomer.Id })
                {
                    batch.Add(new EngagementEvent(Guid.CreateVersion7(), who, video.Id, EventKind.View, At.AddSeconds(round), 9_000));
                }

                await f.Source.Events.AppendAsync(batch);
                Interlocked.Add(ref written, batch.Count);
            }
        });

        var manifest = await new ForkExporter(f.Source, f.Keys, scope).ExportAsync(f.ExportOptions());
        await stop.CancelAsync();
        await writer;
        Assert.True(written > 15);

        await new ForkImporter(f.Target, f.Keys).ImportAsync(f.Repository);
        var sync = new ForkSync(f.Source, f.Target, f.Keys, scope);
        var first = await sync.SyncAsync(f.Repository);
        var second = await sync.SyncAsync(f.Repository);

        Assert.Equal(0, first.LagEvents);
        Assert.Equal(0, second.EventsApplied);
        Assert.True(first.EventsApplied > 0 && first.ChangesApplied > 0);

        // Exactly the travelling events, each once: the source's resident events (including newcomers') by client id.
        var sourceEvents = await ReadAllAsync(f.Source);
        var targetEvents = await ReadAllAsync(f.Target);
        var expected = sourceEvents.Where(e => scope.Includes(e.Event)).Select(e => e.Event.ClientEventId).ToHashSet();
        Assert.Equal(expected.Count, targetEvents.Count);
        Assert.True(expected.SetEquals(targetEvents.Select(e => e.Event.ClientEventId)));
        Assert.Contains(targetEvents, e => e.Event.UserId > users.Max(u => u.Id));
        Assert.DoesNotContain(targetEvents, e => e.Event.UserId == foreigner.Id);

        var report = await new ForkVerifier(f.Keys).VerifyAsync(f.Repository, new VerifyOptions { Source = f.Source, Target = f.Target, Scope = scope });
        Assert.True(report.Ok);
        Assert.True(manifest.SnapshotEventPosition < sourceEvents[^1].Sequence);
    }

    [Fact]
    public async Task Freeze_DrainsToTheHead_ThenRefusesToFollow()
    {
        await using var f = await ForkFixture.CreateAsync(new() { Users = 100, Videos = 100, Days = 1, Seed = 3 });
        var scope = await f.ScopeAsync();
        await new ForkExporter(f.Source, f.Keys, scope).ExportAsync(f.ExportOptions());
        await new ForkImporter(f.Target, f.Keys).ImportAsync(f.Repository);
        var resident = (await f.Source.Catalog.ListUsersAsync(0, 1_000)).First(u => scope.Includes(u));
        await f.Source.Events.AppendAsync([new EngagementEvent(Guid.CreateVersion7(), resident.Id, 1, EventKind.Like, At)]);

        var sync = new ForkSync(f.Source, f.Target, f.Keys, scope);
        var frozen = await sync.SyncAsync(f.Repository, freeze: true);

        Assert.True(frozen.Frozen);
        Assert.Equal(1, frozen.EventsApplied);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => sync.SyncAsync(f.Repository));
        Assert.Contains("frozen", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sync_BeforeTheImportCompleted_IsRefused()
    {
        await using var f = await ForkFixture.CreateAsync(new() { Users = 100, Videos = 100, Days = 1, Seed = 3 });
        var scope = await f.ScopeAsync();
        await new ForkExporter(f.Source, f.Keys, scope).ExportAsync(f.ExportOptions());

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => new ForkSync(f.Source, f.Target, f.Keys, scope).SyncAsync(f.Repository));
        Assert.Contains("fork import", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChangedCatalogRow_AfterTheSnapshot_ReachesTheFork()
    {
        await using var f = await ForkFixture.CreateAsync(new() { Users = 100, Videos = 100, Days = 1, Seed = 3 });
        var scope = await f.ScopeAsync();
        await new ForkExporter(f.Source, f.Keys, scope).ExportAsync(f.ExportOptions());
        await new ForkImporter(f.Target, f.Keys).ImportAsync(f.Repository);
        var resident = (await f.Source.Catalog.ListUsersAsync(0, 1_000)).First(u => scope.Includes(u));
        await f.Source.Catalog.UpsertUsersAsync([resident with { Handle = "renamed" }]);

        var result = await new ForkSync(f.Source, f.Target, f.Keys, scope).SyncAsync(f.Repository);

        Assert.Equal(1, result.ChangesApplied);
        Assert.Equal("renamed", (await f.Target.Catalog.GetUserAsync(resident.Id))!.Handle);
    }

    private static async Task<List<LoggedEvent>> ReadAllAsync(Storage.IWhisperStore store)
    {
        var all = new List<LoggedEvent>();
        long position = 0;
        while (await store.Events.ReadAsync(position, 10_000, all) > 0)
        {
            position = all[^1].Sequence;
        }

        return all;
    }
}
