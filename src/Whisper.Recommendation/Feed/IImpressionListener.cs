using Whisper.Core.Domain;
using Whisper.Storage;

namespace Whisper.Recommendation.Feed;

/// <summary>
/// Told after a page's impressions are appended to the event log (also on a retried request, where the log reports
/// them as duplicates), so the online trainer can be nudged to read the log now instead of at its next poll.
/// Called on the request's thread: return quickly.
/// </summary>
public interface IImpressionListener
{
    void OnImpressionsAppended(AppendResult result, IReadOnlyList<EngagementEvent> impressions);
}
