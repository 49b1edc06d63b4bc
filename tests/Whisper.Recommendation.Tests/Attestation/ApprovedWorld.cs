using Whisper.Recommendation.Attestation;
using Whisper.Recommendation.Catalog;
using Whisper.Recommendation.Engine;
using Whisper.Recommendation.ResponseLog;
using Whisper.Recommendation.Tests.Engine;
using Whisper.Recommendation.Tests.Feed;
using Whisper.Recommendation.Training;
using Whisper.Security.Transparency;

namespace Whisper.Recommendation.Tests.Attestation;

/// <summary>
/// A small generated world with a trained checkpoint approved in a transparency log: the log directory, the registry
/// beside it, and a request clock one day after the world's last day.
/// </summary>
public sealed class ApprovedWorld : IAsyncDisposable
{
    public static readonly DateTimeOffset ServeFrom = new(2026, 1, 4, 0, 0, 0, TimeSpan.Zero);

    private ApprovedWorld(EngineWorld world, string checkpoint, TransparencyLog log, ModelRegistryEntry approval)
    {
        World = world;
        Checkpoint = checkpoint;
        Log = log;
        Approval = approval;
    }

    public EngineWorld World { get; }

    public string Checkpoint { get; }

    public TransparencyLog Log { get; }

    public ModelRegistryEntry Approval { get; }

    public string Registry => Path.Combine(World.Folder.FullName, "tlog", ModelRegistry.DefaultFileName);

    public static async Task<ApprovedWorld> CreateAsync()
    {
        var world = await EngineWorld.CreateAsync();
        var catalog = await CatalogView.LoadAsync(world.Store.Catalog);
        using (await OnlineTrainer.TrainFromScratchAsync(world.Store.Events, catalog, new OnlineTrainerOptions { CheckpointDirectory = world.Checkpoints }))
        {
        }

        var checkpoint = Directory.GetFiles(world.Checkpoints, "ckpt-*.wck").Single();
        var log = TransparencyLog.Open(Path.Combine(world.Folder.FullName, "tlog"));
        var approval = await ModelApproval.ApproveAsync(log, Path.Combine(world.Folder.FullName, "tlog", ModelRegistry.DefaultFileName), checkpoint, "model-review");
        return new ApprovedWorld(world, checkpoint, log, approval);
    }

    public ApprovedModels Approved() => ApprovedModels.Load(Registry, Log.PublicKey, Log);

    /// <summary>Engine options that serve only approved models, from the exact index, on <paramref name="time"/>.</summary>
    public RecommendationEngineOptions Options(ManualTime time, ApprovedModels? approved = null, string? responseLog = null) => new()
    {
        Trainer = new OnlineTrainerOptions { CheckpointDirectory = World.Checkpoints },
        ModelAttestation = new ModelAttestation(approved ?? Approved()),
        ResponseLog = responseLog is null ? null : new ServedResponseLogOptions { Path = responseLog },
        UseAnn = false,
        MinImpressionsForRanker = 0,
        Time = time,
    };

    public async ValueTask DisposeAsync()
    {
        Log.Dispose();
        await World.DisposeAsync();
    }
}
