using System.Buffers.Binary;
using System.Globalization;
using System.IO.Hashing;
using System.Text.Json;
using System.Threading.Channels;

using Whisper.Recommendation.Feed;

namespace Whisper.Recommendation.ResponseLog;

/// <summary>
/// Records served pages as JSON lines off the request path: the request thread decides sampling (one hash) and
/// enqueues into a bounded channel; one background writer formats and appends. When the queue is full the page is
/// dropped and counted (<see cref="Dropped"/>) — the feed never waits for the audit trail. Dispose to drain and close.
/// </summary>
public sealed class ServedResponseLog : IServedPageListener, IAsyncDisposable
{
    private readonly Channel<ServedPage> _queue;
    private readonly FileStream _file;
    private readonly string? _modelSha256;
    private readonly ulong _threshold;
    private readonly ulong _salt;
    private readonly bool _all;
    private readonly Task _writer;
    private long _written;
    private long _dropped;
    private long _sampledOut;

    /// <param name="options">File and sampling.</param>
    /// <param name="modelSha256">The approved checkpoint's hash, written on every line; null without attestation.</param>
    public ServedResponseLog(ServedResponseLogOptions options, string? modelSha256 = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        Recommendation.Ranking.RecommendationOptionsException.ThrowIfAny(nameof(ServedResponseLogOptions), options.Validate());
        _modelSha256 = modelSha256;
        _all = options.SampleRate >= 1;
        _threshold = (ulong)(options.SampleRate * ulong.MaxValue);
        _salt = options.SampleSalt;
        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(options.Path));
        Directory.CreateDirectory(directory!);
        _file = new FileStream(options.Path, FileMode.Append, FileAccess.Write, FileShare.Read, 1 << 16);
        Path = options.Path;
        _queue = Channel.CreateBounded<ServedPage>(new BoundedChannelOptions(options.Capacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait, // TryWrite then fails at once instead of evicting: the drop is counted
        });
        _writer = Task.Run(WriteLoopAsync);
    }

    public string Path { get; }

    /// <summary>Pages written to the file.</summary>
    public long Written => Interlocked.Read(ref _written);

    /// <summary>Sampled pages dropped because the queue was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Pages not logged because their user is outside the sample.</summary>
    public long SampledOut => Interlocked.Read(ref _sampledOut);

    /// <summary>True when <paramref name="userId"/>'s pages are logged at this sample rate and salt.</summary>
    public bool IsSampled(long userId)
    {
        if (_all)
        {
            return true;
        }

        Span<byte> key = stackalloc byte[16];
        BinaryPrimitives.WriteInt64LittleEndian(key, userId);
        BinaryPrimitives.WriteUInt64LittleEndian(key[8..], _salt);
        return XxHash64.HashToUInt64(key) < _threshold;
    }

    public void OnPageServed(in ServedPage served)
    {
        if (!IsSampled(served.Page.UserId))
        {
            Interlocked.Increment(ref _sampledOut);
            return;
        }

        if (!_queue.Writer.TryWrite(served))
        {
            Interlocked.Increment(ref _dropped);
        }
    }

    /// <summary>Stops taking pages, writes what is queued and closes the file.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
        await _file.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>The line for <paramref name="served"/> (also what tests and replays compare against).</summary>
    public static ServedResponse ToResponse(in ServedPage served, string? modelSha256)
    {
        var page = served.Page;
        var items = new ServedItem[page.Items.Count];
        for (var i = 0; i < items.Length; i++)
        {
            var item = page.Items[i];
            items[i] = new ServedItem(item.VideoId, item.CreatorId, item.Position, item.Score, item.Origin);
        }

        var requestId = string.Create(CultureInfo.InvariantCulture, $"{page.UserId}-{served.Session:x16}-{page.PageNumber}");
        return new ServedResponse(
            ServedResponse.CurrentFormat, requestId, served.RequestedAt.ToUniversalTime(), page.UserId, page.PageNumber, served.Count,
            page.ColdStart, page.ModelVersion, modelSha256, page.RankerVersion, items);
    }

    private async Task WriteLoopAsync()
    {
        var reader = _queue.Reader;
        var newline = "\n"u8.ToArray();
        using var json = new Utf8JsonWriter(_file);
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (reader.TryRead(out var served))
            {
                JsonSerializer.Serialize(json, ToResponse(served, _modelSha256), ResponseLogJsonContext.Default.ServedResponse);
                await json.FlushAsync().ConfigureAwait(false);
                json.Reset();
                await _file.WriteAsync(newline).ConfigureAwait(false);
                Interlocked.Increment(ref _written);
            }

            // One flush per drained batch: the file is current whenever the queue runs dry.
            await _file.FlushAsync().ConfigureAwait(false);
        }
    }
}
