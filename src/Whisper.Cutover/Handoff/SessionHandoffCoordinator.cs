using System.Collections.Concurrent;

using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

using Whisper.Cutover.Gateway;

namespace Whisper.Cutover.Handoff;

/// <summary>
/// Decides when a request needs a handoff first: the first request this replica routes to the fork for a user not
/// known to be there (source → fork), and the first one routed back to the source for a user this replica sent to
/// the fork (fork → source, after a rollback). The handoff runs before the request is proxied, so the joining side
/// serves it with the session. Imports keep the later activity, so a repeat (another replica, a restart) is harmless.
/// A failed handoff is logged and retried on the user's next request; the request itself goes on.
/// </summary>
public sealed partial class SessionHandoffCoordinator(SessionHandoffClient client, ILogger<SessionHandoffCoordinator>? logger = null, int maxTrackedUsers = 1_000_000)
{
    private readonly ConcurrentDictionary<long, RouteTarget> _lastSide = new();
    private readonly ILogger _logger = (ILogger?)logger ?? NullLogger.Instance;

    /// <summary>Handoffs completed (both calls answered).</summary>
    public long Completed => Interlocked.Read(ref _completed);

    private long _completed;

    /// <summary>Hands the user's session over when <paramref name="target"/> differs from where they were; returns whether a handoff ran and succeeded.</summary>
    public async ValueTask<bool> BeforeProxyAsync(long userId, RouteTarget target, CancellationToken cancellationToken)
    {
        var known = _lastSide.TryGetValue(userId, out var last);
        var from = target == RouteTarget.Fork
            ? (!known || last != RouteTarget.Fork ? RouteTarget.Source : (RouteTarget?)null)
            : (known && last == RouteTarget.Fork ? RouteTarget.Fork : (RouteTarget?)null);
        if (from is null)
        {
            if (!known)
            {
                Remember(userId, target);
            }

            return false;
        }

        try
        {
            var result = await client.HandOverAsync(userId, from.Value, cancellationToken).ConfigureAwait(false);
            Remember(userId, target);
            Interlocked.Increment(ref _completed);
            LogHandoff(userId, from.Value, target, result.Imported, result.KeptLocal);
            return true;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException or KeyNotFoundException && !cancellationToken.IsCancellationRequested)
        {
            LogHandoffFailed(userId, from.Value, target, e.Message);
            return false;
        }
    }

    private void Remember(long userId, RouteTarget target)
    {
        if (_lastSide.Count >= maxTrackedUsers)
        {
            _lastSide.Clear(); // bounded memory; a forgotten user at worst gets one more (idempotent) handoff
        }

        _lastSide[userId] = target;
    }

    [LoggerMessage(EventId = CutoverEventIds.HandoffDone, Level = LogLevel.Information, Message = "Session of user {UserId} handed over {From} -> {To}: {Imported} imported, {KeptLocal} kept local")]
    private partial void LogHandoff(long userId, RouteTarget from, RouteTarget to, int imported, int keptLocal);

    [LoggerMessage(EventId = CutoverEventIds.HandoffFailed, Level = LogLevel.Warning, Message = "Session handoff of user {UserId} {From} -> {To} failed ({Problem}); retried on the next request")]
    private partial void LogHandoffFailed(long userId, RouteTarget from, RouteTarget to, string problem);
}
