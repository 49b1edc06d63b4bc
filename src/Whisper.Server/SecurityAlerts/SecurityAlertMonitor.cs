using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

using Whisper.Security.Detection;

namespace Whisper.Server.SecurityAlerts;

/// <summary>
/// The one reader of <see cref="SecurityEventQueue"/>: appends each event to the security event file when configured,
/// feeds the <see cref="IntrusionDetector"/> (which logs every alert, event 7001) and keeps the alerts for the API.
/// </summary>
internal sealed partial class SecurityAlertMonitor(
    SecurityEventQueue queue, SecurityAlertBuffer alerts, SecurityAlertMetrics metrics, SecurityAlertSettings settings, ILogger<SecurityAlertMonitor> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var detector = new IntrusionDetector(settings.Detection, logger);
        var file = OpenEventsFile();
        try
        {
            var last = DateTimeOffset.MinValue;
            while (await queue.Reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
            {
                while (queue.Reader.TryRead(out var item))
                {
                    if (item.Event is { } e)
                    {
                        // Concurrent requests can enqueue a few microseconds out of order; the detector needs time order.
                        last = e.Time > last ? e.Time : last;
                        Observe(detector, file, e with { Time = last });
                    }

                    item.Flushed?.TrySetResult();
                }

                file?.Flush();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: what was not read yet is dropped with the process.
        }
        finally
        {
            if (file is not null)
            {
                await file.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private void Observe(IntrusionDetector detector, StreamWriter? file, SecurityEvent e)
    {
        metrics.Observed();
        file?.WriteLine(SecurityEventLog.ToJsonLine(e));
        IReadOnlyList<Alert> raised;
        try
        {
            raised = detector.Observe(e);
        }
        catch (ArgumentException ex)
        {
            Log.EventRejected(logger, ex.Message);
            return;
        }

        foreach (var alert in raised)
        {
            alerts.Add(alert);
            metrics.Alert(alert.Rule);
        }
    }

    private StreamWriter? OpenEventsFile()
    {
        if (settings.EventsPath is not { Length: > 0 } path)
        {
            return null;
        }

        try
        {
            var options = new FileStreamOptions { Mode = FileMode.Append, Access = FileAccess.Write, Share = FileShare.Read };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            return new StreamWriter(new FileStream(path, options)) { NewLine = "\n" };
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Detection and the alerts API still run; only the file copy is missing, and the log says so.
            Log.EventsFileFailed(logger, path, e.Message);
            return null;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = Auth.SecurityLogEventIds.SecurityEventsFileFailed, Level = LogLevel.Error,
            Message = "Cannot write the security event file {Path}: {Reason}; detection goes on without it")]
        public static partial void EventsFileFailed(ILogger logger, string path, string reason);

        [LoggerMessage(EventId = Auth.SecurityLogEventIds.SecurityEventRejected, Level = LogLevel.Warning, Message = "The intrusion detector refused an event: {Reason}")]
        public static partial void EventRejected(ILogger logger, string reason);
    }
}
