using Whisper.Core.Domain;
using Whisper.Fork.Export;
using Whisper.Fork.Import;
using Whisper.Fork.Records;
using Whisper.Fork.Verify;

namespace Whisper.Fork.Tests.Migration;

public sealed class VerifyTests
{
    [Fact]
    public async Task ChangedMissingAndExtraRows_AreEachNamedByKey()
    {
        await using var f = await ForkFixture.CreateAsync(new() { Users = 300, Videos = 300, Days = 2, Seed = 4 });
        var scope = await f.ScopeAsync();
        await new ForkExporter(f.Source, f.Keys, scope).ExportAsync(f.ExportOptions());
        await new ForkImporter(f.Target, f.Keys).ImportAsync(f.Repository);
        var residents = (await f.Target.Catalog.ListUsersAsync(0, 1_000)).ToList();

        // The fork drifts: one resident renamed there, a stray event there, and a new resident event only at the source.
        await f.Target.Catalog.UpsertUsersAsync([residents[0] with { Handle = "drifted" }]);
        var stray = new EngagementEvent(Guid.CreateVersion7(), residents[1].Id, 1, EventKind.Like, DateTimeOffset.UnixEpoch.AddDays(20_000));
        await f.Target.Events.AppendAsync([stray]);
        var missing = stray with { ClientEventId = Guid.CreateVersion7() };
        await f.Source.Events.AppendAsync([missing]);

        var report = await new ForkVerifier(f.Keys).VerifyAsync(f.Repository, new VerifyOptions { Source = f.Source, Target = f.Target, Scope = scope });

        Assert.False(report.Ok);
        var users = report.Tables.Single(t => t.Table == ForkTable.Users);
        Assert.Equal(new RecordDifference("changed", residents[0].Id.ToString(System.Globalization.CultureInfo.InvariantCulture)), Assert.Single(users.Differences));
        var events = report.Tables.Single(t => t.Table == ForkTable.Events);
        Assert.Equal(2, events.DifferenceCount);
        Assert.Contains(new RecordDifference("extra", stray.ClientEventId.ToString("D")), events.Differences);
        Assert.Contains(new RecordDifference("missing", missing.ClientEventId.ToString("D")), events.Differences);
        Assert.All(report.Tables.Where(t => t.Table is not ForkTable.Users and not ForkTable.Events), t => Assert.True(t.Matches));
    }

    [Fact]
    public async Task Sample_ChecksRoughlyThatShareOfChunks()
    {
        await using var f = await ForkFixture.CreateAsync();
        var manifest = await new ForkExporter(f.Source, f.Keys, await f.ScopeAsync()).ExportAsync(f.ExportOptions(chunkBytes: 4 * 1024));

        var report = await new ForkVerifier(f.Keys).VerifyAsync(f.Repository, new VerifyOptions { SamplePercent = 10, Seed = 1 });

        Assert.True(report.Ok);
        Assert.InRange(report.ChunksChecked, manifest.Chunks.Count * 5 / 100, manifest.Chunks.Count * 20 / 100);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => new ForkVerifier(f.Keys).VerifyAsync(f.Repository, new VerifyOptions { SamplePercent = 0 }));
    }
}
