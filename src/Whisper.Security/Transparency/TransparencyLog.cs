using Whisper.Core.Integrity;

namespace Whisper.Security.Transparency;

/// <summary>
/// The transparency log kept in one directory: durable files (<c>leaves.dat</c>, <c>hashes.dat</c>), a cached tree
/// that makes appends O(1) amortised and proofs O(log n), and a <see cref="TreeHeadSigner"/>. One writer at a time
/// (appends queue on a gate); reads and proofs run concurrently with appends and see the last published size.
/// </summary>
/// <remarks>
/// The cached levels are snapshotted to <c>subtrees.dat</c> on close and every 1,048,576 leaves; opening loads the
/// snapshot and re-hashes only the leaves after it (all of them, about n node hashes, when it is missing or damaged).
/// See docs/security/transparency-log.md for the numbers.
/// </remarks>
public sealed partial class TransparencyLog : ITransparencyLog, IDisposable
{
    private const int RebuildChunk = 65_536;

    /// <summary>Leaves appended between two snapshots of the cached levels (~2 s of hashing to replay after a crash here).</summary>
    private const long SnapshotEvery = 1 << 20;

    private readonly LogFiles _files;
    private readonly SubtreeIndex _tree;
    private readonly TreeHeadSigner _signer;
    private readonly bool _ownsSigner;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly LeafBatch _batch = new();
    private readonly string _snapshotPath;
    private long _snapshotSize;
    private SignedTreeHead _head;
    private bool _disposed;

    private TransparencyLog(LogFiles files, TreeHeadSigner signer, bool ownsSigner, TimeProvider time)
    {
        _files = files;
        _signer = signer;
        _ownsSigner = ownsSigner;
        TimeProvider = time;
        _snapshotPath = Path.Combine(files.Directory, SubtreeIndex.SnapshotFileName);
        _tree = SubtreeIndex.TryLoadSnapshot(_snapshotPath, files, files.Count, out var problem) ?? new SubtreeIndex(files);
        SnapshotProblem = problem;
        _snapshotSize = _tree.Appended;
        Replay(_tree.Appended);
        _head = SignHead(_tree.Size);
    }

    /// <summary>The log directory (full path).</summary>
    public string Directory => _files.Directory;

    /// <summary>What opening repaired after a crash; <see cref="LogRecovery.None"/> after a clean shutdown.</summary>
    public LogRecovery Recovery => _files.Recovery;

    /// <summary>Why the snapshot of cached levels (<c>subtrees.dat</c>) was not used on open, or null; the levels were then rebuilt from <c>hashes.dat</c>.</summary>
    public string? SnapshotProblem { get; }

    /// <summary>The clock for head timestamps; callers stamp entries with it too.</summary>
    public TimeProvider TimeProvider { get; }

    public byte[] PublicKey => _signer.PublicKey;

    public long Size => _tree.Size;

    public SignedTreeHead Head => Volatile.Read(ref _head);

    /// <summary>True when <paramref name="directory"/> holds a log (its leaves file); <see cref="Open"/> would not create one.</summary>
    public static bool Exists(string directory) => File.Exists(Path.Combine(directory, LogFiles.LeavesFileName));

    /// <summary>
    /// Opens or creates the log in <paramref name="directory"/>. Heads are signed by <paramref name="signer"/>, or,
    /// when null, by the key in <c>&lt;directory&gt;/head-signing.pkcs8</c>, created on first use.
    /// </summary>
    /// <exception cref="IOException">The log is open elsewhere.</exception>
    /// <exception cref="InvalidDataException">A file is damaged beyond its tail or from an unknown version.</exception>
    public static TransparencyLog Open(string directory, TreeHeadSigner? signer = null, TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        var files = LogFiles.Open(directory);
        var ownsSigner = signer is null;
        try
        {
            signer ??= TreeHeadSigner.OpenOrCreate(Path.Combine(files.Directory, TreeHeadSigner.DefaultKeyFileName));
            return new TransparencyLog(files, signer, ownsSigner, time ?? TimeProvider.System);
        }
        catch
        {
            if (ownsSigner)
            {
                signer?.Dispose();
            }

            files.Dispose();
            throw;
        }
    }

    public Task<AppendResult> AppendAsync(LogEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return AppendBatchAsync([entry], cancellationToken);
    }

    public async Task<AppendResult> AppendBatchAsync(IReadOnlyList<LogEntry> entries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        for (var i = 0; i < entries.Count; i++)
        {
            ArgumentNullException.ThrowIfNull(entries[i], $"{nameof(entries)}[{i}]");
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var first = _tree.Size;
            if (entries.Count == 0)
            {
                return new AppendResult(first, 0, Head);
            }

            _batch.Clear();
            for (var i = 0; i < entries.Count; i++)
            {
                _batch.Add(entries[i]);
            }

            // Durable first, visible second: readers never see a leaf that is not on disk.
            _files.Append(_batch);
            for (var i = 0; i < _batch.Count; i++)
            {
                _tree.Append(_batch.LeafHash(i));
            }

            _tree.Publish();
            var head = SignHead(_tree.Size);
            Volatile.Write(ref _head, head);
            if (_tree.Size - _snapshotSize >= SnapshotEvery)
            {
                TrySaveSnapshot();
            }

            return new AppendResult(first, entries.Count, head);
        }
        finally
        {
            _gate.Release();
        }
    }

    public LogEntry ReadEntry(long index)
    {
        var leaf = ReadLeaf(index);
        return LogEntry.TryFromLeafBytes(leaf, out var entry, out var problem)
            ? entry
            : throw new InvalidDataException($"Leaf {index} of the transparency log in '{Directory}' is not a log entry: {problem}");
    }

    public byte[] ReadLeaf(long index)
    {
        RequireIndex(index);
        return _files.ReadLeaf(index);
    }

    public byte[] LeafHash(long index)
    {
        RequireIndex(index);
        var hash = new byte[MerkleTree.HashSize];
        _files.ReadLeafHashes(index, 1, hash);
        return hash;
    }

    public byte[] RootHash(long treeSize) => _tree.Root(treeSize);

    public IReadOnlyList<byte[]> InclusionProof(long index, long treeSize) => _tree.InclusionProof(index, treeSize);

    public IReadOnlyList<byte[]> ConsistencyProof(long oldSize, long newSize) => _tree.ConsistencyProof(oldSize, newSize);

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _gate.Wait();
        if (_tree.Size != _snapshotSize)
        {
            TrySaveSnapshot();
        }

        _files.Dispose();
        if (_ownsSigner)
        {
            _signer.Dispose();
        }

        _gate.Dispose();
    }

    private SignedTreeHead SignHead(long size) => _signer.Sign(size, _tree.Root(size), TimeProvider.GetUtcNow());

    private void RequireIndex(long index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Size);
    }

    /// <summary>
    /// Writes the cached levels to <c>subtrees.dat</c> so the next open need not re-hash them. A cache: when it cannot
    /// be written the log carries on and the next open rebuilds from <c>hashes.dat</c>.
    /// </summary>
    private void TrySaveSnapshot()
    {
        try
        {
            _tree.SaveSnapshot(_snapshotPath);
            _snapshotSize = _tree.Size;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _snapshotSize = _tree.Size; // do not retry on every append; the next checkpoint or close tries again
        }
    }

    /// <summary>Feeds the leaf hashes on disk from <paramref name="start"/> through the tree (those the snapshot did not cover).</summary>
    private void Replay(long start)
    {
        var count = _files.Count;
        var records = new byte[(int)Math.Min(RebuildChunk, Math.Max(count - start, 0)) * LogFiles.HashRecordSize];
        for (var first = start; first < count; first += RebuildChunk)
        {
            var n = (int)Math.Min(RebuildChunk, count - first);
            _files.ReadHashRecords(first, n, records);
            for (var i = 0; i < n; i++)
            {
                _tree.Append(records.AsSpan(i * LogFiles.HashRecordSize, MerkleTree.HashSize));
            }
        }

        _tree.Publish();
    }
}
