using System.Diagnostics;

using Whisper.Evaluation.Lab;
using Whisper.FeatureStore.Contract;
using Whisper.Parity.Explain;
using Whisper.Parity.Shadow;

namespace Whisper.Parity.Simulation;

/// <summary>
/// A region simulated on a <see cref="LabWorld"/>: it serves as of the world's cutoff by <see cref="LabRanking"/> over
/// its <see cref="LabRegion"/> (contract, snapshot, sessions, budget), and reports that state as a <see cref="RegionState"/>.
/// For tests, labs and the explain step where no real region can be rebuilt.
/// </summary>
public sealed class SimulatedRegion : IFeedRegion
{
    private readonly LabRanking _ranking;

    public SimulatedRegion(string name, LabWorld world, LabRegion region)
    {
        Name = name ?? throw new ArgumentNullException(nameof(name));
        World = world ?? throw new ArgumentNullException(nameof(world));
        Region = region ?? throw new ArgumentNullException(nameof(region));
        _ranking = LabRanking.Prepare(world, region);
    }

    public string Name { get; }

    public LabWorld World { get; }

    public LabRegion Region { get; }

    public RegionState State
    {
        get
        {
            var snapshot = Region.Snapshot;
            return new RegionState(
                Name,
                FeatureContract.FromRegistry(Name, Region.Registry, World.Time),
                snapshot.Model.Version,
                snapshot.TrainedEvents,
                World.Split.Training.EventIndexes.Length,
                snapshot.TrainedThroughMs == LabSnapshot.None ? null : DateTimeOffset.FromUnixTimeMilliseconds(snapshot.TrainedThroughMs),
                (long)snapshot.UserRows + snapshot.ItemRows,
                Region.Sessions.Count,
                Region.Budget);
        }
    }

    public Task<RegionAnswer> GetFeedAsync(ShadowRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var started = Stopwatch.GetTimestamp();
        var dataset = World.Dataset;
        if (!dataset.TryGetUser(request.UserId, out var user))
        {
            return Task.FromResult(RegionAnswer.Failed($"UnknownUser: no user with id {request.UserId}.", Stopwatch.GetElapsedTime(started).TotalMilliseconds));
        }

        Span<int> list = stackalloc int[LabRanking.ListLength];
        var n = _ranking.Rank(user, list[..Math.Clamp(request.Count, 1, LabRanking.ListLength)]);
        var items = new RankedVideo[n];
        for (var i = 0; i < n; i++)
        {
            items[i] = new RankedVideo(dataset.ItemId(list[i]), dataset.CreatorId(dataset.CreatorOf(list[i])));
        }

        return Task.FromResult(new RegionAnswer(items, Stopwatch.GetElapsedTime(started).TotalMilliseconds, null));
    }
}
