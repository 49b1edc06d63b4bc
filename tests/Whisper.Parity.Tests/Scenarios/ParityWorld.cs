using Whisper.Evaluation.Data;
using Whisper.Evaluation.Lab;
using Whisper.Parity.Gate;
using Whisper.Parity.Shadow;
using Whisper.Parity.Simulation;
using Whisper.World.Generation;

namespace Whisper.Parity.Tests.Scenarios;

/// <summary>
/// One small fixed world (seed 7) shared by the scenario tests: the source region (current snapshot, source contract,
/// observed sessions, every video ranked) and the replay of the held-out period, built once.
/// </summary>
internal sealed class ParityWorld
{
    private static readonly Lazy<Task<ParityWorld>> Shared = new(CreateAsync);

    private ParityWorld(LabWorld world, SimulatedRegion source, ReplayPlan plan)
    {
        World = world;
        Source = source;
        Plan = plan;
    }

    public LabWorld World { get; }

    public SimulatedRegion Source { get; }

    public ReplayPlan Plan { get; }

    /// <summary>
    /// The default gate, except latency: simulated regions answer in microseconds, where one GC pause moves a p99 by
    /// multiples, so the latency check is exercised by the gate's boundary tests instead.
    /// </summary>
    public static GateThresholds Thresholds { get; } = new() { MaxP99Increase = 100 };

    public static Task<ParityWorld> GetAsync() => Shared.Value;

    /// <summary>A fork that starts as an exact copy of the source (sessions carried through export/import).</summary>
    public LabRegion Copy() => Source.Region with { Sessions = World.CopySessions(Source.Region.Sessions, out _) };

    public Task<ParityReport> CompareAsync(LabRegion fork, Action<ShadowRecord>? onRecord = null)
    {
        var forkRegion = new SimulatedRegion("fork", World, fork);
        return ParityRun.RunAsync(new ParityRunInput(Source, forkRegion, Plan)
        {
            SourceState = Source.State,
            ForkState = forkRegion.State,
            Ablation = new SimulatedAblation(Source, forkRegion),
            Thresholds = Thresholds,
            OnRecord = onRecord,
        });
    }

    private static async Task<ParityWorld> CreateAsync()
    {
        var dataset = WorldDatasets.Build(new WorldOptions { Users = 1_000, Videos = 1_500, Days = 8, Seed = 7 });
        var world = LabWorld.Create(dataset, new ForkLabOptions { Seed = 7 });
        var snapshot = await world.TrainAsync(world.Split.Training);
        var registry = LabContract.For(world.Options, fork: false);
        var source = new SimulatedRegion("source", world, new LabRegion(registry, world.Materialize(registry), snapshot, world.ObservedSessions(), LabRegion.AllCandidates));
        var end = DateTimeOffset.FromUnixTimeMilliseconds(dataset.Events[^1].TimeMs + 1);
        var plan = LogReplay.Build(LogReplay.From(dataset), new ReplayOptions { From = world.Split.Cutoff!.Value, To = end, Horizon = TimeSpan.FromDays(2) });
        return new ParityWorld(world, source, plan);
    }
}
