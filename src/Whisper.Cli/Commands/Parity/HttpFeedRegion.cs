using System.Diagnostics;

using Whisper.Parity.Shadow;
using Whisper.Server.Client;

namespace Whisper.Cli.Commands.Parity;

/// <summary>
/// A region reached over its HTTP API (GET /v1/feed, first page). The region logs the impressions of what it serves,
/// so point the fork side at a region whose log is not yet the users' (before cutover) or accept shadow impressions there.
/// </summary>
public sealed class HttpFeedRegion(string name, WhisperClient client) : IFeedRegion
{
    private readonly WhisperClient _client = client ?? throw new ArgumentNullException(nameof(client));

    public string Name { get; } = name;

    public async Task<RegionAnswer> GetFeedAsync(ShadowRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var started = Stopwatch.GetTimestamp();
        var page = await _client.GetFeedAsync(request.UserId, request.Count, cancellationToken: cancellationToken).ConfigureAwait(false);
        var items = new RankedVideo[page.Items.Count];
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = new RankedVideo(page.Items[i].VideoId, page.Items[i].CreatorId);
        }

        return new RegionAnswer(items, Stopwatch.GetElapsedTime(started).TotalMilliseconds, null);
    }
}
