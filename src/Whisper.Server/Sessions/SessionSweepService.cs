using Microsoft.Extensions.Hosting;

using Whisper.FeatureStore.Sessions;

namespace Whisper.Server.Sessions;

/// <summary>
/// Drops lapsed sessions once per idle period, so the store holds about one idle period of active users rather than
/// everyone ever seen (reads and exports already ignore lapsed sessions; this only frees memory).
/// </summary>
internal sealed class SessionSweepService(SessionStateStore sessions, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(sessions.Options.Idle, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                sessions.Sweep();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping.
        }
    }
}
