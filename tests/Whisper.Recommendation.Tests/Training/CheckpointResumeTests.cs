using Whisper.Recommendation.Catalog;
using Whisper.Recommendation.Model;
using Whisper.Recommendation.Training;
using Whisper.Storage;
using Whisper.World.Generation;

namespace Whisper.Recommendation.Tests.Training;

public sealed class CheckpointResumeTests
{
    // Small bounds so the run exercises admission, TTL eviction and refusals, all of which must survive a restart.
    private static readonly TwoTowerOptions Model = new()
    {
        Dimension = 8,
        Seed = 5,
        Ttl = TimeSpan.FromDays(2),
        SweepInterval = TimeSpan.FromHours(6),
        MaxUsers = 150,
        MaxPending = 64,
        NegativePoolSize = 256,
    };

    [Fact]
    public Task ResumeAsync_AfterCrashMidway_ParametersBitwiseEqualToUninterruptedRun() => CrashResumeEqualsStraightRun(Model);

    /// <summary>
    /// The same guarantee with the BPR loss, weight decay and uniform negatives (checkpointed options and the
    /// distinct-video list, format version 3).
    /// </summary>
    [Fact]
    public Task ResumeAsync_PairwiseWithL2_AfterCrashMidway_ParametersBitwiseEqualToUninterruptedRun() =>
        CrashResumeEqualsStraightRun(Model with { Loss = TrainingLoss.Pairwise, L2 = 1e-3f, NegativeSampling = NegativeSampling.Uniform });

    private static async Task CrashResumeEqualsStraightRun(TwoTowerOptions model)
    {
        var folder = Directory.CreateTempSubdirectory("whisper-trainer-");
        try
        {
            await using var store = await WhisperStores.OpenAsync(new StoreOptions(StoreProvider.Sqlite, Path.Combine(folder.FullName, "w.db")));
            await WorldWriter.WriteAsync(new WorldOptions { Users = 400, Videos = 600, Days = 6, SessionsPerUserPerDay = 0.6, Seed = 11 }, store, Path.Combine(folder.FullName, "w.wgt"));
            var catalog = await CatalogView.LoadAsync(store.Catalog);
            var head = await store.Events.GetHeadAsync();
            var options = new OnlineTrainerOptions { Model = model, BatchSize = 700, CheckpointDirectory = Path.Combine(folder.FullName, "ckpt"), CheckpointEvery = head / 5 };

            long crashedAt;
            using (var doomed = new OnlineTrainer(store.Events, catalog, options))
            {
                while (doomed.Position < head * 2 / 3)
                {
                    await doomed.StepAsync();
                }

                crashedAt = doomed.Position;
                Assert.True(doomed.CheckpointsWritten >= 2);
            } // "crash": whatever was trained after the last checkpoint is lost

            using var resumed = await OnlineTrainer.ResumeAsync(store.Events, catalog, options with { BatchSize = 333 });
            Assert.NotNull(resumed.ResumedFrom);
            Assert.InRange(resumed.Position, 1, crashedAt - 1);
            await resumed.CatchUpAsync();

            var progress = new List<TrainingProgress>();
            using var straight = await OnlineTrainer.TrainFromScratchAsync(store.Events, catalog, new OnlineTrainerOptions { Model = model, BatchSize = 1024 }, new SyncProgress(progress));

            Assert.Equal(head, straight.Position);
            Assert.Equal(new TrainingProgress("train", head, head), progress[^1]);
            Assert.True(straight.Model.TableStats[0].RefusedFull > 0 && straight.Model.TableStats[0].Evicted > 0, $"the run should hit the bounds: {straight.Model.TableStats[0]}");
            TrainerAssert.SameParameters(straight, resumed);
            Assert.NotEqual(straight.Model.Version, resumed.Model.Version);
        }
        finally
        {
            SqliteCleanup(folder);
        }
    }

    [Fact]
    public async Task ResumeAsync_NewestCheckpointCorrupt_FallsBackToOlderAndStillConverges()
    {
        var world = TestWorld.Generate(new WorldOptions { Users = 300, Videos = 400, Days = 4, SessionsPerUserPerDay = 0.6, Seed = 3 });
        var log = new InMemoryEventLog();
        await log.AppendAsync(world.Events);
        var folder = Directory.CreateTempSubdirectory("whisper-ckpt-");
        try
        {
            var options = new OnlineTrainerOptions { Model = Model, BatchSize = 500, CheckpointDirectory = folder.FullName, CheckpointEvery = 2_000, KeepCheckpoints = 3 };
            using (var doomed = new OnlineTrainer(log, world.Catalog, options))
            {
                while (doomed.Position < world.Events.Count / 2)
                {
                    await doomed.StepAsync();
                }
            }

            var files = Directory.GetFiles(folder.FullName, "ckpt-*.wck").Order(StringComparer.Ordinal).ToArray();
            Assert.Equal(3, files.Length);
            var newest = await File.ReadAllBytesAsync(files[^1]);
            newest[newest.Length / 3] ^= 0xFF;
            await File.WriteAllBytesAsync(files[^1], newest);

            using var resumed = await OnlineTrainer.ResumeAsync(log, world.Catalog, options);
            Assert.Equal(files[^2], resumed.ResumedFrom);
            Assert.Contains("checksum mismatch", Assert.Single(resumed.SkippedCheckpoints), StringComparison.Ordinal);
            await resumed.CatchUpAsync();

            using var straight = new OnlineTrainer(log, world.Catalog, options with { CheckpointDirectory = null });
            await straight.CatchUpAsync();
            TrainerAssert.SameParameters(straight, resumed);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task ResumeAsync_EmptyDirectory_StartsFresh_OtherOptions_Refused()
    {
        var world = TestWorld.Generate(new WorldOptions { Users = 100, Videos = 100, Days = 1, Seed = 4 });
        var log = new InMemoryEventLog();
        await log.AppendAsync(world.Events);
        var folder = Directory.CreateTempSubdirectory("whisper-ckpt-");
        try
        {
            var options = new OnlineTrainerOptions { Model = Model, CheckpointDirectory = folder.FullName };
            using (var fresh = await OnlineTrainer.ResumeAsync(log, world.Catalog, options))
            {
                Assert.Null(fresh.ResumedFrom);
                Assert.Equal(0, fresh.Position);
                await fresh.CatchUpAsync();
                var path = await fresh.CheckpointAsync();
                Assert.EndsWith($"ckpt-{fresh.Position:D20}.wck", path, StringComparison.Ordinal);
            }

            var e = await Assert.ThrowsAsync<InvalidOperationException>(() => OnlineTrainer.ResumeAsync(log, world.Catalog, options with { Model = Model with { Dimension = 16 } }));
            Assert.Contains("other model options", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static void SqliteCleanup(DirectoryInfo folder)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        folder.Delete(recursive: true);
    }

    /// <summary>Records reports on the reporting thread (Progress&lt;T&gt; would post them later).</summary>
    private sealed class SyncProgress(List<TrainingProgress> into) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => into.Add(value);
    }
}
