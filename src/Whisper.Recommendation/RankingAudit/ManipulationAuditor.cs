using Whisper.Recommendation.Attestation;
using Whisper.Recommendation.Catalog;
using Whisper.Recommendation.Embeddings;
using Whisper.Recommendation.Model;
using Whisper.Recommendation.Ranking;
using Whisper.Recommendation.ResponseLog;
using Whisper.Recommendation.Training;
using Whisper.Storage;

namespace Whisper.Recommendation.RankingAudit;

/// <summary>
/// <c>whisper integrity ranking</c> (docs/manipulation-audit.md): replays logged requests through the approved checkpoint
/// and the declared rules (<see cref="RankingReplay"/>), tallies served against expected slots per item, creator and
/// topic, and reports the entities whose difference is both significant and large (<see cref="ManipulationThresholds"/>):
/// hidden boosts and hidden suppressions. Single-threaded; one auditor per run.
/// </summary>
public sealed class ManipulationAuditor : IDisposable
{
    private readonly CatalogView _catalog;
    private readonly RankingReplay _replay;

    private ManipulationAuditor(CatalogView catalog, IEmbeddingModel model, string sha256, RankingReplay replay)
    {
        _catalog = catalog;
        _replay = replay;
        ModelVersion = model.Version;
        ModelSha256 = sha256;
    }

    public string ModelVersion { get; }

    public string ModelSha256 { get; }

    /// <summary>
    /// Loads the approved checkpoint and, with the seen filter on, every user's impressions from <paramref name="events"/>
    /// logged at or after <paramref name="seenSince"/> (the first audited request's time, <see cref="AuditedSince"/>).
    /// </summary>
    /// <exception cref="InvalidDataException">The rules have problems, or the checkpoint is missing or unreadable.</exception>
    public static async Task<ManipulationAuditor> CreateAsync(
        CatalogView catalog, IEventLog events, string checkpointPath, DeclaredRules rules, DateTimeOffset seenSince, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(rules);
        if (rules.Validate() is { Count: > 0 } problems)
        {
            throw new InvalidDataException($"declared rules: {string.Join(" ", problems)}");
        }

        if (!File.Exists(checkpointPath))
        {
            throw new InvalidDataException($"no checkpoint at {checkpointPath}; pass the approved model (ckpt-….wck) with --checkpoint.");
        }

        var clock = new AuditClock();
        TwoTowerModel model;
        try
        {
            using var stream = new FileStream(checkpointPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
            (model, _) = TrainingCheckpoint.Read(stream, checkpointPath, catalog, clock);
        }
        catch (EmbeddingSnapshotFormatException e)
        {
            throw new InvalidDataException($"{checkpointPath} is not a readable checkpoint: {e.Message}");
        }

        var timeline = await EventTimeline.ReadAsync(events, cancellationToken).ConfigureAwait(false);
        var seen = rules.SeenFilter ? SeenHistory.From(timeline.Events, seenSince) : new SeenHistory();
        var sha256 = ModelArtifact.Sha256OfFile(checkpointPath);
        return new ManipulationAuditor(catalog, model, sha256, new RankingReplay(catalog, model, clock, rules, seen, timeline));
    }

    /// <summary>The earliest request time in <paramref name="responses"/> (what <see cref="CreateAsync"/> takes as seenSince).</summary>
    public static DateTimeOffset AuditedSince(IReadOnlyList<ServedResponse> responses) =>
        responses is { Count: > 0 } ? responses.Min(r => r.At) : DateTimeOffset.UnixEpoch;

    /// <summary>Replays only (the benchmark's baseline): the expected slots of every response, no comparison.</summary>
    public long Replay(IReadOnlyList<ServedResponse> responses)
    {
        ArgumentNullException.ThrowIfNull(responses);
        _replay.Rewind();
        long slots = 0;
        foreach (var response in InTimeOrder(responses))
        {
            slots += _replay.Expected(response).Count;
        }

        return slots;
    }

    /// <summary>Replays and compares every response; see the class summary.</summary>
    public ManipulationReport Audit(IReadOnlyList<ServedResponse> responses, ManipulationThresholds? thresholds = null, IProgress<(long Done, long Total)>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(responses);
        thresholds ??= new ManipulationThresholds();
        RecommendationOptionsException.ThrowIfAny(nameof(ManipulationThresholds), thresholds.Validate());
        var tallies = new[]
        {
            (Tally: new ExposureTally("item", thresholds.Examples), Key: (Func<long, long, long>)(static (video, _) => video)),
            (Tally: new ExposureTally("creator", thresholds.Examples), Key: static (_, creator) => creator),
            (Tally: new ExposureTally("topic", thresholds.Examples), Key: MainTopic),
        };
        int replayed = 0, cold = 0, otherModels = 0;
        long served = 0, expectedSlots = 0;
        _replay.Rewind();
        var ordered = InTimeOrder(responses);
        for (var i = 0; i < ordered.Count; i++)
        {
            var response = ordered[i];
            if (response.ColdStart)
            {
                cold++;
                continue;
            }

            otherModels += response.ModelSha256 is { } sha && sha != ModelSha256 ? 1 : 0;
            var expected = _replay.Expected(response);
            foreach (var (tally, key) in tallies)
            {
                tally.Add(response, response.Items, expected, key);
            }

            replayed++;
            served += response.Items.Count;
            expectedSlots += expected.Count;
            if ((i & 1023) == 0)
            {
                progress?.Report((i, responses.Count));
            }
        }

        var dimensions = new List<DimensionSummary>();
        var findings = new List<ManipulationFinding>();
        foreach (var (tally, _) in tallies)
        {
            dimensions.Add(ExposureTest.Run(tally, thresholds, findings));
        }

        findings.Sort(static (a, b) => a.PValue.CompareTo(b.PValue));
        return new ManipulationReport(
            ManipulationReport.CurrentFormat, ModelVersion, ModelSha256, responses.Count, replayed, cold, otherModels, served, expectedSlots,
            thresholds, dimensions, findings);
    }

    public void Dispose() => _replay.Dispose();

    /// <summary>The log is in serving order already; a stable sort by time guards against interleaved writers.</summary>
    private static List<ServedResponse> InTimeOrder(IReadOnlyList<ServedResponse> responses) => [.. responses.OrderBy(r => r.At)];

    private long MainTopic(long videoId, long creatorId) =>
        _catalog.TryGetVideo(videoId, out var video) && video.TopicKeys.Length > 0 ? video.TopicKeys[0] : 0;
}
