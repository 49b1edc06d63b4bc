using Whisper.Core.Domain;
using Whisper.Fork.Chunks;
using Whisper.Fork.Export;
using Whisper.Fork.Import;
using Whisper.Fork.Manifest;
using Whisper.Fork.Records;
using Whisper.Fork.Verify;

namespace Whisper.Fork.Tests.Migration;

public sealed class ExportImportTests
{
    [Fact]
    public async Task ExportImportVerify_SmallWorld_TargetHoldsExactlyTheResidentsShare()
    {
        await using var f = await ForkFixture.CreateAsync();
        var scope = await f.ScopeAsync();
        var manifest = await new ForkExporter(f.Source, f.Keys, scope).ExportAsync(f.ExportOptions());
        var result = await new ForkImporter(f.Target, f.Keys).ImportAsync(f.Repository);

        Assert.Equal(manifest.Chunks.Count, result.ChunksApplied);
        Assert.True(manifest.Tables.Single(t => t.Table == ForkTable.Users).Records > 0);
        Assert.True(manifest.Tables.Single(t => t.Table == ForkTable.Events).Records > 0);

        // Some users stay behind: the world has five regions.
        var sourceCounts = await f.Source.Catalog.CountAsync();
        var targetCounts = await f.Target.Catalog.CountAsync();
        Assert.InRange(targetCounts.Users, 1, sourceCounts.Users - 1);
        Assert.Equal(manifest.Tables.Single(t => t.Table == ForkTable.Users).Records, targetCounts.Users);
        Assert.Equal(manifest.Tables.Single(t => t.Table == ForkTable.Events).Records, await f.Target.Events.GetHeadAsync());

        var report = await new ForkVerifier(f.Keys).VerifyAsync(f.Repository, new VerifyOptions { Source = f.Source, Target = f.Target, Scope = scope });
        Assert.True(report.Ok, string.Join("; ", report.Tables.Where(t => !t.Matches).Select(t => t.Table)));
        Assert.Equal(manifest.Chunks.Count, report.ChunksChecked);
        Assert.All(report.Tables, t => Assert.Equal(t.SourceRecords, t.TargetRecords));
    }

    [Fact]
    public async Task DecryptedExport_HoldsNoRecordOfANonResident()
    {
        await using var f = await ForkFixture.CreateAsync();
        var scope = await f.ScopeAsync();
        var manifest = await new ForkExporter(f.Source, f.Keys, scope).ExportAsync(f.ExportOptions());
        var nonResidents = (await f.Source.Catalog.ListUsersAsync(0, 10_000)).Where(u => !scope.Includes(u)).Select(u => u.Id).ToHashSet();
        Assert.NotEmpty(nonResidents);

        var opener = new ChunkOpener(f.Keys, new FileChunkStore(f.Repository));
        var seen = new Dictionary<ForkTable, long>();
        foreach (var chunk in manifest.Chunks)
        {
            var (table, count, body) = RawChunk.Parse(opener.Open(chunk.Sealed));
            seen[table] = seen.GetValueOrDefault(table) + count;
            var userIds = table switch
            {
                ForkTable.Users => RecordDecoder.Decode(RecordCodecs.Users, body.Span, count).Select(u => u.Id),
                ForkTable.Follows => RecordDecoder.Decode(RecordCodecs.Follows, body.Span, count).Select(x => x.FollowerId),
                ForkTable.Orders => RecordDecoder.Decode(RecordCodecs.Orders, body.Span, count).Select(o => o.UserId),
                ForkTable.Events => RecordDecoder.Decode(RecordCodecs.Events, body.Span, count).Select(e => e.Event.UserId),
                ForkTable.Creators => RecordDecoder.Decode(RecordCodecs.Creators, body.Span, count).Select(c => c.UserId),
                _ => [],
            };
            Assert.DoesNotContain(userIds, nonResidents.Contains);
        }

        Assert.True(seen.GetValueOrDefault(ForkTable.Users) > 0 && seen.GetValueOrDefault(ForkTable.Events) > 0);
    }

    [Fact]
    public async Task Import_RunTwice_SecondRunAppliesNothingAndStoresNothingTwice()
    {
        await using var f = await ForkFixture.CreateAsync();
        var manifest = await new ForkExporter(f.Source, f.Keys, await f.ScopeAsync()).ExportAsync(f.ExportOptions());
        await new ForkImporter(f.Target, f.Keys).ImportAsync(f.Repository);
        var head = await f.Target.Events.GetHeadAsync();

        var again = await new ForkImporter(f.Target, f.Keys).ImportAsync(f.Repository);

        Assert.Equal(0, again.ChunksApplied);
        Assert.Equal(manifest.Chunks.Count, again.ChunksAlreadyApplied);
        Assert.Equal(head, await f.Target.Events.GetHeadAsync());
    }

    [Fact]
    public async Task Export_RunAgainAfterCompletion_ReturnsTheSameSignedManifest()
    {
        await using var f = await ForkFixture.CreateAsync();
        var scope = await f.ScopeAsync();
        var first = await new ForkExporter(f.Source, f.Keys, scope).ExportAsync(f.ExportOptions());
        var second = await new ForkExporter(f.Source, f.Keys, scope).ExportAsync(f.ExportOptions());

        Assert.Equal(first.ExportId, second.ExportId);
        Assert.Equal(first.MerkleRoot, second.MerkleRoot);
    }

    [Fact]
    public async Task Export_SameDataTwice_ChunksDeduplicateByContent()
    {
        await using var f = await ForkFixture.CreateAsync();
        var scope = await f.ScopeAsync();
        var a = await new ForkExporter(f.Source, f.Keys, scope).ExportAsync(f.ExportOptions(Path.Combine(f.Folder, "a")));
        var b = await new ForkExporter(f.Source, f.Keys, scope).ExportAsync(f.ExportOptions(Path.Combine(f.Folder, "b")));

        // Two exports of unchanged data name the same chunks (ids are content hashes) under different export ids.
        Assert.NotEqual(a.ExportId, b.ExportId);
        Assert.Equal(a.Chunks.Select(c => c.Id), b.Chunks.Select(c => c.Id));
        Assert.Equal(a.Tables, b.Tables);
    }

    [Fact]
    public async Task Export_FullForkWithModels_IsRejected()
    {
        await using var f = await ForkFixture.CreateAsync(new() { Users = 50, Videos = 50, Days = 1, Seed = 1 });
        var options = f.ExportOptions() with { Mode = ForkMode.FullFork, Models = [new ExportModelFile("m", f.TargetPath)] };
        var scope = await f.ScopeAsync();
        await Assert.ThrowsAsync<ArgumentException>(() => new ForkExporter(f.Source, f.Keys, scope).ExportAsync(options));
    }

    [Fact]
    public async Task ModelFiles_TravelEncryptedAndComeBackByteForByte()
    {
        await using var f = await ForkFixture.CreateAsync(new() { Users = 50, Videos = 50, Days = 1, Seed = 1 });
        var model = Path.Combine(f.Folder, "engine.ckpt");
        var bytes = new byte[100_000];
        new Random(5).NextBytes(bytes);
        await File.WriteAllBytesAsync(model, bytes);

        var options = f.ExportOptions() with { Models = [new ExportModelFile("engine.ckpt", model)] };
        var manifest = await new ForkExporter(f.Source, f.Keys, await f.ScopeAsync()).ExportAsync(options);
        var restored = Path.Combine(f.Folder, "restored");
        var result = await new ForkImporter(f.Target, f.Keys) { ModelDirectory = restored }.ImportAsync(f.Repository);

        var entry = Assert.Single(manifest.Models);
        Assert.True(entry.ChunkCount >= 6); // 100 kB in 16 KiB chunks
        Assert.Equal(bytes, await File.ReadAllBytesAsync(Assert.Single(result.ModelFiles)));
    }
}
