using Whisper.Recommendation.Engine;
using Whisper.Recommendation.Feed;
using Whisper.Recommendation.Ranking;
using Whisper.Recommendation.RankingAudit;
using Whisper.Recommendation.Reranking;
using Whisper.Recommendation.ResponseLog;
using Whisper.Recommendation.Tests.Attestation;
using Whisper.Recommendation.Tests.Feed;

namespace Whisper.Recommendation.Tests.RankingAudit;

/// <summary>
/// One approved world shared by the manipulation-audit tests. Each serving run gets its own day (so the seen filter of
/// one run never reads another's impressions) and its own response log: every user asks for three pages of ten.
/// </summary>
public sealed class AuditWorld : IAsyncLifetime
{
    private int _runs;

    public ApprovedWorld Approved { get; private set; } = null!;

    public IReadOnlyList<ServedResponse> Clean { get; private set; } = [];

    public async Task InitializeAsync()
    {
        Approved = await ApprovedWorld.CreateAsync();
        Clean = await ServeAsync();
    }

    public async Task DisposeAsync() => await Approved.DisposeAsync();

    /// <summary>
    /// Serves every user three pages through an attested engine, with an optional planted ranker (which then ranks every
    /// candidate, not only the model's top <see cref="FeedOptions.RankTopK"/>, so the plant reaches all of them) and page rules.
    /// </summary>
    public async Task<IReadOnlyList<ServedResponse>> ServeAsync(Func<RecommendationEngine, IVersionedRanker>? plant = null, ReRankerOptions? rules = null)
    {
        var run = Interlocked.Increment(ref _runs);
        var path = Path.Combine(Approved.World.Folder.FullName, $"responses-{run}.jsonl");
        var time = new ManualTime(ApprovedWorld.ServeFrom.AddDays(run));
        var options = Approved.Options(time, responseLog: path) with
        {
            ReRanker = rules ?? new ReRankerOptions(),
            Feed = plant is null ? new FeedOptions() : new FeedOptions { RankTopK = 0 },
        };
        await using (var engine = await RecommendationEngine.CreateAsync(Approved.World.Store, options))
        {
            if (plant is not null)
            {
                engine.Ranker.Swap(plant(engine));
            }

            for (var user = 1; user <= 300; user++)
            {
                string? cursor = null;
                for (var page = 0; page < 3; page++)
                {
                    var result = await engine.Feed.GetFeedAsync(user, 10, cursor);
                    time.Advance(TimeSpan.FromSeconds(1));
                    if (result.Status != FeedStatus.Ok)
                    {
                        break;
                    }

                    cursor = result.Page!.NextCursor;
                }
            }
        }

        return ResponseLogReader.ReadAll(path);
    }

    public async Task<ManipulationReport> AuditAsync(IReadOnlyList<ServedResponse> responses, DeclaredRules? rules = null)
    {
        var catalog = await Whisper.Recommendation.Catalog.CatalogView.LoadAsync(Approved.World.Store.Catalog);
        using var auditor = await ManipulationAuditor.CreateAsync(
            catalog, Approved.World.Store.Events, Approved.Checkpoint, rules ?? new DeclaredRules(), ManipulationAuditor.AuditedSince(responses));
        return auditor.Audit(responses);
    }
}
