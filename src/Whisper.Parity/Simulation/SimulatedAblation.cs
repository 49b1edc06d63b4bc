using Whisper.Evaluation.Lab;
using Whisper.FeatureStore.Definitions;
using Whisper.Parity.Explain;
using Whisper.Parity.Shadow;

namespace Whisper.Parity.Simulation;

/// <summary>
/// Rebuilds a simulated fork with one cause taken from its source: the contract (the fork's registry rebuilt from the
/// source's exported contract and its store re-materialized under it), the snapshot (transferred), the sessions
/// (exported and imported) or the budget. Everything else stays the fork's.
/// </summary>
public sealed class SimulatedAblation(SimulatedRegion source, SimulatedRegion fork) : IRegionAblation
{
    private readonly SimulatedRegion _source = source ?? throw new ArgumentNullException(nameof(source));
    private readonly SimulatedRegion _fork = fork ?? throw new ArgumentNullException(nameof(fork));

    public Task<RegionRebuild> RebuildAsync(ParityCause cause, CancellationToken cancellationToken = default)
    {
        var world = _fork.World;
        var s = _source.Region;
        var region = cause switch
        {
            ParityCause.FeatureTtl => Aligned(world),
            ParityCause.Embeddings or ParityCause.ModelVersion => _fork.Region with { Snapshot = s.Snapshot },
            ParityCause.SessionState => _fork.Region with { Sessions = world.CopySessions(s.Sessions, out _) },
            ParityCause.CandidateBudget => _fork.Region with { Budget = s.Budget },
            _ => null,
        };
        return Task.FromResult(region is null
            ? RegionRebuild.Unavailable($"a lab region has no part for {ParityCauses.Name(cause)}.")
            : RegionRebuild.Of(new SimulatedRegion($"{_fork.Name}+{ParityCauses.Name(cause)}", world, region)));
    }

    private LabRegion Aligned(LabWorld world)
    {
        var contract = _source.State.Contract!;
        var registry = FeatureRegistry.Create(contract.Features, contract.ModelInputs);
        return _fork.Region with { Registry = registry, Store = world.Materialize(registry) };
    }
}
