using System.Buffers;

using Whisper.Recommendation.Catalog;

namespace Whisper.Recommendation.Candidates;

/// <summary>
/// Recent videos of creators the user follows, newest first: from each followed creator (blocked ones skipped) the
/// newest <see cref="FollowingOptions.MaxPerCreator"/> videos published in the last <see cref="FollowingOptions.MaxAge"/>
/// and not served recently. Score = freshness, 1 at publication and halving every day. Work is bounded by
/// followed creators × MaxPerCreator: creators' video ids rise with publication, so each walk starts at the newest.
/// </summary>
public sealed class FollowingCandidateSource : ICandidateSource
{
    private const double DayMs = 86_400_000;
    private readonly CatalogView _catalog;
    private readonly FollowingOptions _options;

    public FollowingCandidateSource(CatalogView catalog, FollowingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        _options = options ?? FollowingOptions.Default;
        CandidateOptionsException.ThrowIfAny(_options.Validate());
        _catalog = catalog;
    }

    public CandidateOrigin Origin => CandidateOrigin.Following;

    public void Collect(FeedRequest request, int budget, List<Candidate> into)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(into);
        var followed = _catalog.FollowedCreators(request.UserId);
        if (budget <= 0 || followed.IsEmpty)
        {
            return;
        }

        var nowMs = request.Now.ToUnixTimeMilliseconds();
        var oldestMs = nowMs - (long)_options.MaxAge.TotalMilliseconds;
        var found = ArrayPool<VideoFacts>.Shared.Rent(followed.Length * _options.MaxPerCreator);
        var count = 0;
        try
        {
            foreach (var creatorId in followed)
            {
                if (request.BlockedCreators.Contains(creatorId))
                {
                    continue;
                }

                var videos = _catalog.VideosOfCreator(creatorId);
                for (int i = videos.Length - 1, taken = 0; i >= 0 && taken < _options.MaxPerCreator; i--)
                {
                    if (!_catalog.TryGetVideo(videos[i], out var video) || video.CreatedAtMs > nowMs)
                    {
                        continue; // Published after the request time (replays): not yet visible.
                    }

                    if (video.CreatedAtMs < oldestMs)
                    {
                        break;
                    }

                    if (!request.RecentlyServed.Contains(video.Id))
                    {
                        found[count++] = video;
                        taken++;
                    }
                }
            }

            var newest = found.AsSpan(0, count);
            newest.Sort(static (a, b) => b.CreatedAtMs != a.CreatedAtMs ? b.CreatedAtMs.CompareTo(a.CreatedAtMs) : b.Id.CompareTo(a.Id));
            for (var i = 0; i < newest.Length && i < budget; i++)
            {
                var freshness = (float)double.Exp2(-(nowMs - newest[i].CreatedAtMs) / DayMs);
                into.Add(new Candidate(newest[i].Id, freshness, CandidateOrigin.Following));
            }
        }
        finally
        {
            ArrayPool<VideoFacts>.Shared.Return(found, clearArray: true);
        }
    }
}
