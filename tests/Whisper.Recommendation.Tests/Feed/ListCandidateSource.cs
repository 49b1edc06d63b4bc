using Whisper.Recommendation.Candidates;

namespace Whisper.Recommendation.Tests.Feed;

/// <summary>A source that proposes a fixed list (best first), ignoring what was served: the re-ranker must filter.</summary>
public sealed class ListCandidateSource(CandidateOrigin origin, IReadOnlyList<long> videoIds, Func<FeedRequest, bool>? when = null) : ICandidateSource
{
    public CandidateOrigin Origin => origin;

    public int Calls { get; private set; }

    public void Collect(FeedRequest request, int budget, List<Candidate> into)
    {
        Calls++;
        if (when is not null && !when(request))
        {
            return;
        }

        for (var i = 0; i < videoIds.Count && i < budget; i++)
        {
            into.Add(new Candidate(videoIds[i], videoIds.Count - i, origin));
        }
    }
}
