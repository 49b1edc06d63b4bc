using System.Threading.Channels;

using Whisper.Security.Detection;

namespace Whisper.Server.SecurityAlerts;

/// <summary>
/// The bounded queue between requests and the one detector reader. Requests only ever <see cref="TryWrite"/>: when the
/// reader falls behind, events are dropped and counted, and no request waits on detection.
/// </summary>
internal sealed class SecurityEventQueue(SecurityAlertSettings settings, SecurityAlertMetrics metrics)
{
    private readonly Channel<Item> _channel = Channel.CreateBounded<Item>(new BoundedChannelOptions(settings.QueueCapacity)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.Wait, // with TryWrite: a full queue refuses the new event rather than block
    });

    public ChannelReader<Item> Reader => _channel.Reader;

    /// <summary>Queues <paramref name="e"/>; false (and counted) when the queue is full.</summary>
    public bool TryWrite(SecurityEvent e)
    {
        if (_channel.Writer.TryWrite(new Item(e, null)))
        {
            return true;
        }

        metrics.Dropped();
        return false;
    }

    /// <summary>Completes once the reader has processed everything queued before this call.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        var processed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await _channel.Writer.WriteAsync(new Item(null, processed), cancellationToken).ConfigureAwait(false);
        await processed.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>An event, or a flush marker the reader completes when it gets to it.</summary>
    internal readonly record struct Item(SecurityEvent? Event, TaskCompletionSource? Flushed);
}
