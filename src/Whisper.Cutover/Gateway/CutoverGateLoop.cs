using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

using Whisper.Cutover.Cohorts;

namespace Whisper.Cutover.Gateway;

/// <summary>
/// The replica's background loop on the gateway's <see cref="TimeProvider"/>: the controller replica checks the gates
/// and the schedule every <c>CheckInterval</c>; the others re-read the state file every <c>StateRefresh</c>.
/// </summary>
internal sealed partial class CutoverGateLoop(CutoverGateway gateway, ILogger<CutoverGateLoop> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var period = gateway.Options.RunController ? gateway.Options.Controller.CheckInterval : gateway.Options.StateRefresh;
        using var timer = new PeriodicTimer(period, gateway.Time);
        do
        {
            try
            {
                if (gateway.Options.RunController)
                {
                    await gateway.Controller.CheckAsync(stoppingToken).ConfigureAwait(false);
                }
                else
                {
                    gateway.Controller.Refresh();
                }
            }
            catch (Exception e) when (e is CutoverPlanException or IOException or UnauthorizedAccessException)
            {
                LogLoopFailed(logger, e.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    [LoggerMessage(EventId = CutoverEventIds.GateLoopFailed, Level = LogLevel.Error, Message = "Cutover check failed ({Problem}); routing keeps the last good state and the next check retries")]
    private static partial void LogLoopFailed(ILogger logger, string problem);
}
