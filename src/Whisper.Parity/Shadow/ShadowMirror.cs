using System.Threading.Channels;

namespace Whisper.Parity.Shadow;

/// <summary>
/// The tap on the source's live traffic: the source calls <see cref="Offer"/> after answering a user, which never
/// waits — when the runner falls behind and the bounded queue is full, the copy is dropped and counted, so shadowing
/// can never delay the source. The runner reads <see cref="Reader"/>; <see cref="Complete"/> ends the mirror.
/// </summary>
public sealed class ShadowMirror
{
    private readonly Channel<ShadowRequest> _queue;
    private long _sequence;
    private long _dropped;

    public ShadowMirror(int capacity = 1_024)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _queue = Channel.CreateBounded<ShadowRequest>(new BoundedChannelOptions(capacity)
        {
            FullMode = BoundedChannelFullMode.Wait, // TryWrite then fails at once when full instead of waiting
            SingleReader = false,
            SingleWriter = false,
        });
    }

    public ChannelReader<ShadowRequest> Reader => _queue.Reader;

    /// <summary>Copies dropped because the runner was behind.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Copies a served request to the runner; false when it was dropped. Never blocks.</summary>
    public bool Offer(long userId, DateTimeOffset at, int count)
    {
        var request = new ShadowRequest(Interlocked.Increment(ref _sequence), userId, at, count);
        if (!_queue.Writer.TryWrite(request))
        {
            Interlocked.Increment(ref _dropped);
            return false;
        }

        return true;
    }

    public void Complete() => _queue.Writer.TryComplete();
}
