using Whisper.Core.Domain;
using Whisper.Recommendation.Model;
using Whisper.Recommendation.Training;
using Whisper.World.Generation;

namespace Whisper.Recommendation.Tests.Training;

public sealed class HistoryAndEpochTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Apply_Positive_UserTowerGainsTheVideosDirection_OnlyWithHistoryOn()
    {
        var catalog = OnlineTrainerTests.TinyCatalog();
        using var with = Trainer(catalog, historyDecay: 0.25f);
        using var without = Trainer(catalog, historyDecay: 0f);
        LoggedEvent[] events = [new(1, new EngagementEvent(Guid.NewGuid(), 1, 1, EventKind.Like, T0, 0))];
        with.Apply(events);
        without.Apply(events);

        Span<float> a = stackalloc float[8];
        Span<float> b = stackalloc float[8];
        Span<float> video = stackalloc float[8];
        Assert.True(with.Model.TryGetUserVector(1, T0.Hour, a));
        Assert.True(without.Model.TryGetUserVector(1, T0.Hour, b));
        Assert.True(with.Model.TryGetVideoVector(1, video));
        var dot = 0f;
        for (var i = 0; i < 8; i++)
        {
            dot += (a[i] - b[i]) * video[i];
        }

        Assert.True(dot > 0, $"the history part of the user tower should point along the liked video (dot {dot})");
        Assert.Equal(1, with.Model.TableStats[6].Rows);
        Assert.Equal(0, without.Model.TableStats[6].Rows);
    }

    [Fact]
    public async Task TrainFromScratchAsync_Epochs_ReplayWithoutMovingThePosition_Deterministically()
    {
        var world = TestWorld.Generate(new WorldOptions { Users = 200, Videos = 300, Days = 3, Seed = 5 });
        var log = new InMemoryEventLog();
        await log.AppendAsync([.. world.Logged().Select(l => l.Event)]);
        var head = await log.GetHeadAsync();
        var three = new OnlineTrainerOptions { Model = new TwoTowerOptions { Dimension = 8 }, Epochs = 3, BatchSize = 100 };

        using var a = await OnlineTrainer.TrainFromScratchAsync(log, world.Catalog, three);
        using var b = await OnlineTrainer.TrainFromScratchAsync(log, world.Catalog, three with { BatchSize = 777 });
        using var once = await OnlineTrainer.TrainFromScratchAsync(log, world.Catalog, three with { Epochs = 1 });

        Assert.Equal(head, a.Position);
        Assert.Equal(3 * head, a.Stats.Events);
        Assert.Equal(head, once.Stats.Events);
        TrainerAssert.SameParameters(a, b);
        Assert.NotEqual(a.Model.Score(world.Logged()[0].Event.UserId, 1), once.Model.Score(world.Logged()[0].Event.UserId, 1));
    }

    [Fact]
    public void Validate_EpochsAndHistoryDecayOutOfRange_NameTheSetting()
    {
        var problems = new OnlineTrainerOptions { Epochs = 0, Model = new TwoTowerOptions { HistoryDecay = 1.5f } }.Validate();
        Assert.Contains(problems, p => p.StartsWith("Epochs", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("HistoryDecay", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_L2AndLossOutOfRange_NameTheSetting()
    {
        var problems = new TwoTowerOptions { L2 = -0.1f, Loss = (TrainingLoss)7 }.Validate();
        Assert.Contains(problems, p => p.StartsWith("L2", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Loss", StringComparison.Ordinal));
        Assert.Contains(new TwoTowerOptions { Loss = TrainingLoss.Pairwise, NegativesPerPositive = 0 }.Validate(), p => p.StartsWith("Loss Pairwise", StringComparison.Ordinal));
        Assert.Empty(new TwoTowerOptions { Loss = TrainingLoss.Pairwise, L2 = 1e-3f }.Validate());
    }

    private static OnlineTrainer Trainer(Whisper.Recommendation.Catalog.CatalogView catalog, float historyDecay) =>
        new(new InMemoryEventLog(), catalog, new OnlineTrainerOptions
        {
            Model = new TwoTowerOptions { Dimension = 8, VideoAdmitAfter = 1, UserAdmitAfter = 1, HistoryDecay = historyDecay },
        });
}
