using Whisper.Evaluation.Lab;
using Whisper.Parity.Gate;
using Whisper.Parity.Measures;
using Whisper.Parity.Shadow;

namespace Whisper.Parity.Simulation;

/// <summary>
/// A full fork's recovery curve on a lab world: the fork retrains from scratch, and at each step (a share of the
/// source's training log, in log order) its snapshot is scored against the source on the same requests.
/// </summary>
public static class SimulatedRecovery
{
    public static async Task<IReadOnlyList<RecoveryPoint>> MeasureAsync(
        SimulatedRegion source,
        LabRegion forkTemplate,
        ReplayPlan plan,
        IReadOnlyList<double> steps,
        ShadowOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(forkTemplate);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(steps);
        if (steps.Count == 0 || steps.Any(s => !(s is > 0 and <= 1)))
        {
            throw new ArgumentException("recovery steps must be shares of the training log in (0, 1], e.g. 0.25, 0.5, 1.", nameof(steps));
        }

        var world = source.World;
        var total = world.Split.Training.EventIndexes.Length;
        var points = new List<RecoveryPoint>(steps.Count);
        foreach (var step in steps.Order())
        {
            var snapshot = await world.TrainAsync(world.TrainingPrefix((int)Math.Round(step * total)), cancellationToken).ConfigureAwait(false);
            var fork = new SimulatedRegion($"fork@{step:0.##}", world, forkTemplate with { Snapshot = snapshot });
            var records = await new ShadowRunner(source, fork, options).RunAsync(plan, cancellationToken: cancellationToken).ConfigureAwait(false);
            var o = ParityMeasures.Of(records).Overall;
            points.Add(new RecoveryPoint(snapshot.TrainedEvents, o.SourceNdcg10, o.ForkNdcg10));
        }

        return points;
    }
}
