using Whisper.Core.Domain;

namespace Whisper.Recommendation.Candidates;

/// <summary>Sources that keep counters (trending, fresh) see every logged event once, in log order.</summary>
public interface IEngagementObserver
{
    void Observe(in LoggedEvent logged);
}
