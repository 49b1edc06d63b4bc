using System.Security.Cryptography;

using Whisper.Security.Transparency;

namespace Whisper.Security.AuditTrail;

/// <summary>
/// The append-only, hash-chained audit trail in one JSON-lines file (docs/security/audit-trail.md). Each append is on
/// disk (fsync'd) before the task completes; the chain head is anchored in the transparency log on creation (the
/// header), every <see cref="AuditTrailOptions.AnchorEvery"/> records, on open, on close and on demand. One writer per
/// file (a <c>.lock</c> file beside it); appends and reads are serialised, so the type is thread-safe.
/// </summary>
public sealed partial class AuditTrailFile : IAsyncDisposable
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly FileStream _stream;
    private readonly FileStream _lock;
    private readonly ITransparencyLog _log;
    private readonly AuditTrailOptions _options;
    private readonly List<long> _offsets;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private long _length;
    private long _count;
    private string _headHash;
    private bool _disposed;

    private AuditTrailFile(string path, FileStream stream, FileStream lockFile, ITransparencyLog log, AuditTrailOptions options, AuditTrailHeader header,
        List<long> offsets, long length, string headHash, long tornBytes)
    {
        Path = path;
        _stream = stream;
        _lock = lockFile;
        _log = log;
        _options = options;
        Header = header;
        _offsets = offsets;
        _length = length;
        _headHash = headHash;
        TornBytesRemoved = tornBytes;
        _count = offsets.Count;
    }

    /// <summary>The trail file (full path).</summary>
    public string Path { get; }

    public AuditTrailHeader Header { get; }

    /// <summary>Records in the trail: the last record's sequence.</summary>
    public long Count => Volatile.Read(ref _count);

    /// <summary>Sequence of the latest record this writer anchored in the log (0: the header; -1: nothing yet).</summary>
    public long LastAnchored { get; private set; } = -1;

    /// <summary>Bytes of a torn last line cut off when the file was opened (0 after a clean shutdown).</summary>
    public long TornBytesRemoved { get; }

    /// <summary>
    /// Opens the trail in <paramref name="path"/>, creating it (mode 0600, header anchored in <paramref name="anchorLog"/>)
    /// when absent or empty. An existing file's chain is checked record by record; a torn last line (a crash mid-append)
    /// is cut off, anything else broken refuses the open.
    /// </summary>
    /// <exception cref="InvalidDataException">The file is not a trail, or a record before the last line is broken.</exception>
    /// <exception cref="IOException">Another writer holds the trail.</exception>
    public static async Task<AuditTrailFile> OpenAsync(string path, ITransparencyLog anchorLog, AuditTrailOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(anchorLog);
        options ??= new AuditTrailOptions();
        options.Validate();
        var full = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        var lockFile = TakeLock(full);
        FileStream? stream = null;
        try
        {
            stream = new FileStream(full, CreateOptions(FileMode.OpenOrCreate, FileAccess.ReadWrite));
            var trail = stream.Length == 0 ? Create(full, stream, lockFile, anchorLog, options) : Load(full, stream, lockFile, anchorLog, options);

            // A new trail anchors its header (the genesis anchor). An existing one anchors its head: after a crash the
            // records since the last anchor are held by the chain alone.
            await trail.AnchorAsync(cancellationToken).ConfigureAwait(false);
            return trail;
        }
        catch
        {
            stream?.Dispose();
            lockFile.Dispose();
            throw;
        }
    }

    /// <summary>Chains and appends one record; it is on disk when the task completes, and anchored when the interval is due.</summary>
    /// <exception cref="ArgumentException">A field breaks the format's limits (see <see cref="AuditHash.Problem"/>).</exception>
    public async Task<AuditRecord> AppendAsync(AuditEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var record = AuditRecord.Seal(entry, _count + 1, _headHash);
            var line = AuditTrailLines.Format(record);
            try
            {
                _stream.Position = _length;
                _stream.Write(line);
                _stream.Flush(flushToDisk: true);
            }
            catch
            {
                // Leave no partial line behind: the next append must start on a line boundary.
                _stream.SetLength(_length);
                throw;
            }

            _offsets.Add(_length);
            _length += line.Length;
            _headHash = record.Hash;
            Volatile.Write(ref _count, record.Sequence);
            if (_count - LastAnchored >= _options.AnchorEvery)
            {
                await AnchorCoreAsync().ConfigureAwait(false);
            }

            return record;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Anchors the chain head in the log now, unless it already is; returns the log index, or null when nothing was new.</summary>
    public async Task<long?> AnchorAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _count > LastAnchored ? await AnchorCoreAsync().ConfigureAwait(false) : null;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Up to <paramref name="limit"/> records after sequence <paramref name="after"/>, in order.</summary>
    public async Task<IReadOnlyList<AuditRecord>> ReadAsync(long after, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(after);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var records = new List<AuditRecord>((int)Math.Clamp(_count - after, 0, limit));
            for (var sequence = after + 1; sequence <= _count && records.Count < limit; sequence++)
            {
                var start = _offsets[(int)(sequence - 1)];
                var end = sequence < _count ? _offsets[(int)sequence] : _length;
                var line = new byte[end - start - 1];
                RandomAccess.Read(_stream.SafeFileHandle, line, start);
                if (!AuditTrailLines.TryParseRecord(line, out var record, out var problem))
                {
                    throw new InvalidDataException($"Audit trail '{Path}' record {sequence} changed on disk while open: {problem}");
                }

                records.Add(record);
            }

            return records;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Anchors the head if records arrived since the last anchor, then closes the file and its lock.</summary>
    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            if (_count > LastAnchored)
            {
                await AnchorCoreAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            await _stream.DisposeAsync().ConfigureAwait(false);
            await _lock.DisposeAsync().ConfigureAwait(false);
            _gate.Release();
        }
    }

    private async Task<long> AnchorCoreAsync()
    {
        var entry = AuditAnchors.Entry(Header.TrailId, _count, _headHash, _options.TimeProvider.GetUtcNow());
        // Not cancellable: the record is already durable, and its anchor should not be half-done by a caller's token.
        var result = await _log.AppendAsync(entry, CancellationToken.None).ConfigureAwait(false);
        LastAnchored = _count;
        return result.FirstIndex;
    }

    private static AuditTrailFile Create(string path, FileStream stream, FileStream lockFile, ITransparencyLog log, AuditTrailOptions options)
    {
        var header = AuditTrailHeader.Create(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), options.TimeProvider.GetUtcNow());
        stream.Position = 0;
        var line = AuditTrailLines.Format(header);
        stream.Write(line);
        stream.Flush(flushToDisk: true);
        return new AuditTrailFile(path, stream, lockFile, log, options, header, [], line.Length, header.Hash, tornBytes: 0);
    }

    private static FileStream TakeLock(string path)
    {
        try
        {
            // FileShare.None takes an exclusive advisory lock (flock on Unix) that a second writer, here or elsewhere, is refused.
            return new FileStream(path + ".lock", CreateOptions(FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException e)
        {
            throw new IOException($"The audit trail '{path}' is open in another writer; one process writes a trail at a time.", e);
        }
    }

    private static FileStreamOptions CreateOptions(FileMode mode, FileAccess access, FileShare share = FileShare.Read)
    {
        var options = new FileStreamOptions { Mode = mode, Access = access, Share = share, BufferSize = 0 };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnly;
        }

        return options;
    }
}
