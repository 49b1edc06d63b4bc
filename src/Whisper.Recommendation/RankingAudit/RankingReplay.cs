using Whisper.Recommendation.Candidates;
using Whisper.Recommendation.Catalog;
using Whisper.Recommendation.Model;
using Whisper.Recommendation.Reranking;
using Whisper.Recommendation.ResponseLog;

namespace Whisper.Recommendation.RankingAudit;

/// <summary>
/// What the approved model and the declared rules would have served for a logged request, through the feed's own
/// parts: the candidate sources (exact nearest-neighbour retrieval over the approved model's vectors, following, live,
/// trending brought to the request time from the log, fresh exploration) merged with the declared budgets; every
/// candidate scored by the approved model; the feed's <see cref="ReRanker"/> with the declared rules, the user's seen
/// filter and blocks at that time. Requests must come in time order (trending only moves forward); single-threaded.
/// </summary>
internal sealed class RankingReplay : IDisposable
{
    private readonly CatalogView _catalog;
    private readonly IEmbeddingModel _model;
    private readonly AuditClock _clock;
    private readonly DeclaredRules _rules;
    private readonly SeenHistory _seen;
    private readonly EventTimeline _timeline;
    private readonly ReRanker _reranker;
    private readonly ExactVectorIndex _index;
    private readonly ICandidateSource[] _fixedSources;
    private readonly List<Candidate> _merged = new(1024);
    private TrendingCandidateSource _trending;
    private CandidateSourceSet _sources;
    private float[] _scores = new float[1024];
    private RankedCandidate[] _ranked = new RankedCandidate[1024];

    public RankingReplay(CatalogView catalog, IEmbeddingModel model, AuditClock clock, DeclaredRules rules, SeenHistory seen, EventTimeline timeline)
    {
        _catalog = catalog;
        _model = model;
        _clock = clock;
        _rules = rules;
        _seen = seen;
        _timeline = timeline;
        _reranker = new ReRanker(rules.ToReRankerOptions());
        _index = new ExactVectorIndex(model.Dimension, Math.Max(1024, catalog.VideoCount));
        new VideoVectorIndexer(model, _index).IndexAll(catalog.VideoIds);
        _fixedSources = [new FollowingCandidateSource(catalog), new LiveCandidateSource(catalog), new AnnCandidateSource(_index, catalog)];
        (_trending, _sources) = NewSources();
    }

    /// <summary>Starts a new pass over the log (trending starts empty again).</summary>
    public void Rewind()
    {
        _timeline.Rewind();
        (_trending, _sources) = NewSources();
    }

    /// <summary>The expected page for <paramref name="response"/>, in page order; empty for a cold start (the audit compares model-ranked pages only).</summary>
    public IReadOnlyList<RankedCandidate> Expected(ServedResponse response)
    {
        _timeline.AdvanceTo(response.At, _trending);
        _clock.Now = response.At;
        var vector = new float[_model.Dimension];
        if (response.ColdStart || response.Count < 1 || !_model.TryGetUserVector(response.UserId, vector))
        {
            return [];
        }

        var atMs = response.At.ToUnixTimeMilliseconds();
        var request = new FeedRequest(response.UserId, _catalog.RegionOfUser(response.UserId), response.At, response.Count)
        {
            UserVector = vector,
            RecentlyServed = _rules.SeenFilter ? _seen.Before(response.UserId, atMs, _rules.SeenWindow) : new HashSet<long>(),
            BlockedCreators = _rules.BlockedFor(response.UserId),
        };
        _merged.Clear();
        _sources.Collect(request, _merged);
        if (_scores.Length < _merged.Count)
        {
            _scores = new float[_merged.Count * 2];
            _ranked = new RankedCandidate[_merged.Count * 2];
        }

        var ids = new long[_merged.Count];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = _merged[i].VideoId;
        }

        _model.ScoreMany(response.UserId, ids, _scores);
        var known = 0;
        for (var i = 0; i < ids.Length; i++)
        {
            if (_catalog.TryGetVideo(ids[i], out var facts))
            {
                _ranked[known++] = new RankedCandidate(_merged[i], _scores[i], facts);
            }
        }

        return _reranker.Rerank(request, _ranked.AsSpan(0, known), response.Count).Items;
    }

    public void Dispose() => _index.Dispose();

    private (TrendingCandidateSource, CandidateSourceSet) NewSources()
    {
        var trending = new TrendingCandidateSource(_catalog);
        var fresh = new FreshCandidateSource(_catalog, _rules.ToFreshOptions());
        // The engine's priority order: a video two sources propose keeps the first one's origin.
        return (trending, new CandidateSourceSet([_fixedSources[0], _fixedSources[1], _fixedSources[2], trending, fresh], _rules.ToCandidateOptions()));
    }
}
