using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

using Whisper.Security.AuditTrail;
using Whisper.Server.Auth;

namespace Whisper.Server.AuditTrail;

/// <summary>
/// The server's hold on its <see cref="AuditTrailFile"/>: opened when the app is built (a broken trail stops the start),
/// closed — and its head anchored — when the host stops, while the transparency log is still open.
/// </summary>
internal sealed partial class AuditTrailRecorder(AuditTrailFile trail, AuditTrailMetrics metrics, ILogger<AuditTrailRecorder> logger) : IHostedService
{
    public AuditTrailFile Trail => trail;

    /// <summary>Appends <paramref name="entry"/>; a failure is logged and counted, never thrown at the request.</summary>
    public async Task RecordAsync(AuditEntry entry)
    {
        try
        {
            await trail.AppendAsync(entry).ConfigureAwait(false);
            metrics.Recorded(entry.Outcome);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or ObjectDisposedException)
        {
            metrics.WriteFailed();
            Log.WriteFailed(logger, entry.Action, entry.Actor, e.Message);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        Log.Opened(logger, trail.Path, trail.Header.TrailId, trail.Count, trail.TornBytesRemoved);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken) => await trail.DisposeAsync().ConfigureAwait(false);

    private static partial class Log
    {
        [LoggerMessage(EventId = SecurityLogEventIds.AuditTrailOpened, Level = LogLevel.Information,
            Message = "Audit trail {Path} (trail {TrailId}) holds {Count} records; {TornBytes} bytes of a torn last line were cut on open")]
        public static partial void Opened(ILogger logger, string path, string trailId, long count, long tornBytes);

        [LoggerMessage(EventId = SecurityLogEventIds.AuditTrailWriteFailed, Level = LogLevel.Critical,
            Message = "Could not record {Action} by {Actor} in the audit trail: {Reason}")]
        public static partial void WriteFailed(ILogger logger, string action, string actor, string reason);
    }
}
