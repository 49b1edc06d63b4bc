using Whisper.Recommendation.Model;

namespace Whisper.Recommendation.Training;

/// <summary>How the online trainer reads the log and checkpoints. <see cref="Model"/> fixes what is learned.</summary>
public sealed record OnlineTrainerOptions
{
    public TwoTowerOptions Model { get; init; } = new();

    /// <summary>Events per <see cref="IEventLog"/> read; the sink is told about changed videos once per batch. ~1,024 events keeps a batch under ~5 ms.</summary>
    public int BatchSize { get; init; } = 1024;

    /// <summary>How long <see cref="OnlineTrainer.RunAsync"/> waits at the head of the log before polling again (a <see cref="OnlineTrainer.Nudge"/> wakes it at once).</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(20);

    /// <summary>Where checkpoints go; null disables them.</summary>
    public string? CheckpointDirectory { get; init; }

    /// <summary>A checkpoint is written once at least this many log positions passed since the last one.</summary>
    public long CheckpointEvery { get; init; } = 1_000_000;

    /// <summary>Checkpoints kept (the newest); older ones are deleted after a new one is in place.</summary>
    public int KeepCheckpoints { get; init; } = 2;

    /// <summary>
    /// Passes over the log in <see cref="OnlineTrainer.TrainFromScratchAsync"/> (the offline retrain). The first pass is
    /// the online pass; passes 2.. replay events 1..head with fresh negative draws (keyed by pass) without moving the
    /// position. Online following (<see cref="OnlineTrainer.RunAsync"/>) always makes one pass. Default 1.
    /// </summary>
    public int Epochs { get; init; } = 1;

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (Model is null)
        {
            problems.Add("Model must be set.");
        }
        else
        {
            problems.AddRange(Model.Validate());
        }

        if (BatchSize is < 1 or > 1_000_000)
        {
            problems.Add($"BatchSize must be 1..1,000,000 (got {BatchSize}).");
        }

        if (Epochs is < 1 or > 100)
        {
            problems.Add($"Epochs must be 1..100 (got {Epochs}); 1 is the online single pass.");
        }

        if (PollInterval <= TimeSpan.Zero)
        {
            problems.Add($"PollInterval must be positive (got {PollInterval}).");
        }

        if (CheckpointEvery < 1)
        {
            problems.Add($"CheckpointEvery must be ≥ 1 (got {CheckpointEvery}).");
        }

        if (KeepCheckpoints < 1)
        {
            problems.Add($"KeepCheckpoints must be ≥ 1 (got {KeepCheckpoints}); keep 2 so a torn newest file still leaves one to resume from.");
        }

        return problems;
    }
}
