using System.Buffers;
using System.Security.Cryptography;
using System.Threading.Channels;

using Whisper.Fork.Chunks;
using Whisper.Fork.Keys;
using Whisper.Fork.Manifest;
using Whisper.Fork.Models;
using Whisper.Fork.Records;
using Whisper.Fork.Scope;
using Whisper.Storage;

namespace Whisper.Fork.Export;

/// <summary>
/// <c>whisper fork export</c>: snapshots the source at recorded log positions and streams the scoped rows into sealed
/// chunks. One reader scans the store in key order; <see cref="ExportOptions.Parallelism"/> workers hash, compress,
/// encrypt and write; chunks are journaled in order, so a killed export resumes after the last journaled chunk and
/// re-sends at most the chunks that were in flight. Ends by writing the signed manifest.
/// </summary>
public sealed class ForkExporter(IWhisperStore source, IKeyProvider keys, IExportScope scope, TimeProvider? clock = null)
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    /// <summary>Where chunks go, given the repository directory: files by default; object storage would plug in here.</summary>
    public Func<string, IChunkStore> ChunkStoreFactory { get; init; } = static repository => new FileChunkStore(repository);

    public async Task<ForkManifest> ExportAsync(ExportOptions options, IProgress<ForkProgress>? progress = null, CancellationToken ct = default)
    {
        options.Validate();
        Directory.CreateDirectory(options.Repository);
        var chunkStore = ChunkStoreFactory(options.Repository);
        if (ManifestFile.Exists(options.Repository))
        {
            // Already complete: re-running is a no-op that proves the repository is intact.
            return ManifestFile.Read(options.Repository, keys);
        }

        var changeHead = await source.Catalog.GetChangeHeadAsync(ct).ConfigureAwait(false);
        var eventHead = await source.Events.GetHeadAsync(ct).ConfigureAwait(false);
        using var journal = ExportJournal.OpenOrCreate(options.Repository, () => new ExportJournalLine
        {
            Kind = ExportJournalLine.HeaderKind,
            ExportId = Guid.CreateVersion7(),
            CreatedAt = _clock.GetUtcNow(),
            TargetRegion = options.TargetRegion,
            Mode = options.Mode,
            PolicySha256 = options.PolicySha256,

            // Changes first: a row changed while the snapshot (or the scope) was read is re-sent by CDC, never missed.
            ChangePosition = Math.Min(changeHead, scope.KnownChangePosition),
            EventPosition = eventHead,
        });
        CheckSameExport(journal.Header, options);

        var state = new ExportState(journal, options, chunkStore, keys, progress, ct);
        foreach (var table in TableSources.All)
        {
            await state.ExportTableAsync(source, table, scope).ConfigureAwait(false);
        }

        foreach (var model in options.Models)
        {
            await state.ExportModelAsync(model).ConfigureAwait(false);
        }

        if (options.ModelCheckpointDirectory is { } checkpoints)
        {
            var staging = Path.Combine(options.Repository, "staging");
            var transfer = await ModelTransfer.PrepareResidentCheckpointAsync(source, scope, checkpoints, journal.Header.EventPosition, staging, ct).ConfigureAwait(false);
            if (transfer is not null)
            {
                await state.ExportModelAsync(new ExportModelFile(Path.GetFileName(transfer.Destination), transfer.Destination)).ConfigureAwait(false);
            }

            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }

        var manifest = state.BuildManifest();
        ManifestFile.Write(options.Repository, manifest, keys);
        PruneUnreferenced(chunkStore, manifest);
        return manifest;
    }

    private static void CheckSameExport(ExportJournalLine header, ExportOptions options)
    {
        if (header.PolicySha256 != options.PolicySha256 || header.TargetRegion != options.TargetRegion || header.Mode != options.Mode)
        {
            throw new InvalidOperationException(
                $"{options.Repository} holds an unfinished export for region '{header.TargetRegion}', mode {header.Mode}, policy {header.PolicySha256?[..12]}…; " +
                "resume it with the same settings, or export into a new --repo");
        }
    }

    /// <summary>Chunks left by a crashed run whose content changed before the resume are not part of the export.</summary>
    private static void PruneUnreferenced(IChunkStore store, ForkManifest manifest)
    {
        var referenced = manifest.Chunks.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var id in store.List().ToList())
        {
            if (!referenced.Contains(id))
            {
                store.Delete(id);
            }
        }
    }

    /// <summary>The mutable part of one export run: the sealing pipeline and the journal's ordered commits.</summary>
    private sealed class ExportState(ExportJournal journal, ExportOptions options, IChunkStore store, IKeyProvider keys, IProgress<ForkProgress>? progress, CancellationToken ct)
    {
        private readonly ChunkSealer _sealer = new(keys, store, options.Compression);
        private long _records;
        private long _bytes;

        private int NextIndex => journal.Lines.Count(l => l.Kind == ExportJournalLine.ChunkKind);

        public async Task ExportTableAsync(IWhisperStore source, ITableSource table, IExportScope scope)
        {
            if (journal.Lines.Any(l => l.Kind == ExportJournalLine.TableDoneKind && l.Table == table.Table))
            {
                return;
            }

            var last = journal.Lines.LastOrDefault(l => l.Kind == ExportJournalLine.ChunkKind && l.Chunk!.Table == table.Table);
            var cursor = last is null ? default : new ScanCursor(last.CursorA, last.CursorB);
            var eventLimit = journal.Header.EventPosition;
            var total = await table.CountAsync(source, eventLimit, ct).ConfigureAwait(false);
            var stage = "export " + ForkTables.NameOf(table.Table);

            await using var pipeline = new SealPipeline(this, options.Parallelism, ct);
            var builder = new ChunkBuilder(table.Table, options.ChunkBytes);
            long scanned = journal.Lines.Where(l => l.Kind == ExportJournalLine.ChunkKind && l.Chunk!.Table == table.Table).Sum(l => (long)l.Chunk!.Records);
            var index = NextIndex;
            while (true)
            {
                var (count, next) = await table.ReadPageAsync(source, cursor, options.PageSize, eventLimit, scope, builder, ct).ConfigureAwait(false);
                if (count == 0)
                {
                    break;
                }

                cursor = next;
                scanned += count;
                while (builder.TryTakeFull(out var pending))
                {
                    await pipeline.SubmitAsync(pending with { Index = index++ }).ConfigureAwait(false);
                }

                progress?.Report(new ForkProgress(stage, Math.Min(scanned, total), total, Interlocked.Read(ref _records), Interlocked.Read(ref _bytes)));
            }

            if (builder.TakeRest(cursor) is { } rest)
            {
                await pipeline.SubmitAsync(rest with { Index = index }).ConfigureAwait(false);
            }

            await pipeline.CompleteAsync().ConfigureAwait(false);
            journal.Append(new ExportJournalLine { Kind = ExportJournalLine.TableDoneKind, Table = table.Table });
            if (scanned < total || total == 0)
            {
                progress?.Report(new ForkProgress(stage, total, total, Interlocked.Read(ref _records), Interlocked.Read(ref _bytes)));
            }
        }

        public async Task ExportModelAsync(ExportModelFile model)
        {
            if (journal.Lines.Any(l => l.Kind == ExportJournalLine.ModelDoneKind && l.Model!.Name == model.Name))
            {
                return;
            }

            var bytes = await File.ReadAllBytesAsync(model.Path, ct).ConfigureAwait(false);
            var stage = "export model " + model.Name;
            var first = NextIndex;
            await using (var pipeline = new SealPipeline(this, options.Parallelism, ct))
            {
                // A resumed model export re-slices from the start; unchanged slices deduplicate to the stored chunks.
                // An empty file is still one (empty) chunk, so every model has at least one.
                var slices = Math.Max(1, (bytes.Length + options.ChunkBytes - 1) / options.ChunkBytes);
                var buffer = new RecordBuffer(RawChunk.HeaderLength + Math.Min(options.ChunkBytes, bytes.Length));
                for (var slice = 0; slice < slices; slice++)
                {
                    var offset = slice * options.ChunkBytes;
                    var length = Math.Min(options.ChunkBytes, bytes.Length - offset);
                    RawChunk.Begin(buffer, ForkTable.Model);
                    buffer.WriteBytes(bytes.AsSpan(offset, length));
                    RawChunk.Finish(buffer, length);
                    var raw = ArrayPool<byte>.Shared.Rent(buffer.Length);
                    buffer.WrittenSpan.CopyTo(raw);
                    await pipeline.SubmitAsync(new PendingChunk(first + slice, ForkTable.Model, length, raw, buffer.Length, default, "0")).ConfigureAwait(false);
                    progress?.Report(new ForkProgress(stage, offset + length, bytes.Length, Interlocked.Read(ref _records), Interlocked.Read(ref _bytes)));
                }

                await pipeline.CompleteAsync().ConfigureAwait(false);
            }

            var count = NextIndex - first;
            journal.Append(new ExportJournalLine
            {
                Kind = ExportJournalLine.ModelDoneKind,
                Table = ForkTable.Model,
                Model = new ManifestModel(model.Name, bytes.Length, Convert.ToHexStringLower(SHA256.HashData(bytes)), first, count),
            });
        }

        public ForkManifest BuildManifest()
        {
            var chunkLines = journal.Lines.Where(l => l.Kind == ExportJournalLine.ChunkKind).ToList();
            var chunks = chunkLines.Select(l => l.Chunk!).ToList();
            var tables = new List<ManifestTable>();
            foreach (var source in TableSources.All)
            {
                var digest = default(ContentDigest);
                foreach (var line in chunkLines.Where(l => l.Chunk!.Table == source.Table))
                {
                    digest.Add(ContentDigest.From(line.Chunk!.Records, line.DigestSum!));
                }

                tables.Add(new ManifestTable(source.Table, digest.Count, digest.SumHex));
            }

            var header = journal.Header;
            return new ForkManifest
            {
                Format = ForkManifest.CurrentFormat,
                ExportId = header.ExportId,
                CreatedAt = header.CreatedAt,
                TargetRegion = header.TargetRegion!,
                Mode = header.Mode,
                PolicySha256 = header.PolicySha256!,
                SnapshotEventPosition = header.EventPosition,
                SnapshotChangePosition = header.ChangePosition,
                Tables = tables,
                Chunks = chunks,
                Models = journal.Lines.Where(l => l.Kind == ExportJournalLine.ModelDoneKind).Select(l => l.Model!).ToList(),
                MerkleRoot = ManifestFile.MerkleRootOf(chunks),
            };
        }

        public SealedChunk Seal(PendingChunk pending) => _sealer.Seal(pending.Raw.AsSpan(0, pending.RawLength));

        /// <summary>Called in chunk order: the chunk is on disk, so its journal line may now be written.</summary>
        public void Commit(PendingChunk pending, SealedChunk sealedChunk)
        {
            journal.Append(new ExportJournalLine
            {
                Kind = ExportJournalLine.ChunkKind,
                Chunk = new ManifestChunk(pending.Index, pending.Table, pending.Records, sealedChunk.Id, sealedChunk.RawBytes, sealedChunk.StoredBytes, sealedChunk.StoredSha256, sealedChunk.KeyId),
                CursorA = pending.Cursor.A,
                CursorB = pending.Cursor.B,
                DigestSum = pending.DigestSum,
            });
            Interlocked.Add(ref _records, pending.Table == ForkTable.Model ? 0 : pending.Records);
            Interlocked.Add(ref _bytes, pending.RawLength);
        }
    }

    /// <summary>A closed raw chunk waiting to be sealed; <see cref="Raw"/> is rented from the shared pool.</summary>
    private sealed record PendingChunk(int Index, ForkTable Table, int Records, byte[] Raw, int RawLength, ScanCursor Cursor, string DigestSum);

    /// <summary>Collects encoded rows into raw chunks of about the target size.</summary>
    private sealed class ChunkBuilder : IRecordSink
    {
        private readonly ForkTable _table;
        private readonly int _target;
        private readonly RecordCodecInfo _info;
        private readonly Queue<PendingChunk> _full = new();
        private int _records;
        private ContentDigest _digest;
        private ScanCursor _cursor;

        public ChunkBuilder(ForkTable table, int target)
        {
            _table = table;
            _target = target;
            _info = RecordCodecInfo.Of(table);
            RawChunk.Begin(Buffer, table);
        }

        public RecordBuffer Buffer { get; } = new();

        public void Committed(int start, RecordKey key, ScanCursor cursor)
        {
            _digest.Add(Buffer.WrittenSpan[(start + _info.ContentOffset)..]);
            _records++;
            _cursor = cursor;
            if (Buffer.Length >= _target)
            {
                Close();
            }
        }

        public bool TryTakeFull(out PendingChunk pending) => _full.TryDequeue(out pending!);

        /// <summary>The last, partly filled chunk, resuming at <paramref name="endCursor"/>; null when it holds no row.</summary>
        public PendingChunk? TakeRest(ScanCursor endCursor)
        {
            if (_records == 0)
            {
                return null;
            }

            _cursor = endCursor;
            Close();
            return _full.Dequeue();
        }

        private void Close()
        {
            RawChunk.Finish(Buffer, _records);
            var raw = ArrayPool<byte>.Shared.Rent(Buffer.Length);
            Buffer.WrittenSpan.CopyTo(raw);
            _full.Enqueue(new PendingChunk(-1, _table, _records, raw, Buffer.Length, _cursor, _digest.SumHex));
            RawChunk.Begin(Buffer, _table);
            _records = 0;
            _digest = default;
        }
    }

    /// <summary>
    /// Seals chunks on worker threads and commits them in index order. A worker failure (disk full, a key problem)
    /// stops submission and surfaces on <see cref="CompleteAsync"/> or the next <see cref="SubmitAsync"/>; chunks
    /// already committed stay journaled, so the export resumes after them.
    /// </summary>
    private sealed class SealPipeline : IAsyncDisposable
    {
        private readonly ExportState _state;
        private readonly Channel<PendingChunk> _queue;
        private readonly Task[] _workers;
        private readonly SortedDictionary<int, (PendingChunk, SealedChunk)> _done = [];
        private readonly Lock _gate = new();
        private readonly CancellationTokenSource _stop;
        private int _nextCommit = -1;
        private Exception? _failure;

        public SealPipeline(ExportState state, int parallelism, CancellationToken ct)
        {
            _state = state;
            _stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
            _queue = Channel.CreateBounded<PendingChunk>(new BoundedChannelOptions(parallelism * 2) { SingleWriter = true });
            _workers = new Task[parallelism];
            for (var i = 0; i < parallelism; i++)
            {
                _workers[i] = Task.Run(WorkAsync, CancellationToken.None);
            }
        }

        public async Task SubmitAsync(PendingChunk pending)
        {
            ThrowIfFailed();
            if (_nextCommit < 0)
            {
                _nextCommit = pending.Index;
            }

            try
            {
                await _queue.Writer.WriteAsync(pending, _stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (_failure is not null)
            {
                ArrayPool<byte>.Shared.Return(pending.Raw);
                ThrowIfFailed();
            }
        }

        public async Task CompleteAsync()
        {
            _queue.Writer.TryComplete();
            await Task.WhenAll(_workers).ConfigureAwait(false);
            ThrowIfFailed();
            _stop.Token.ThrowIfCancellationRequested();
        }

        public async ValueTask DisposeAsync()
        {
            _queue.Writer.TryComplete();
            await _stop.CancelAsync().ConfigureAwait(false);
            try
            {
                await Task.WhenAll(_workers).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Shutting down after a failure or cancellation: the original error is already on its way up.
            }

            while (_queue.Reader.TryRead(out var left))
            {
                ArrayPool<byte>.Shared.Return(left.Raw);
            }

            _stop.Dispose();
        }

        private async Task WorkAsync()
        {
            try
            {
                await foreach (var pending in _queue.Reader.ReadAllAsync(_stop.Token).ConfigureAwait(false))
                {
                    SealedChunk sealedChunk;
                    try
                    {
                        sealedChunk = _state.Seal(pending);
                    }
                    finally
                    {
                        ArrayPool<byte>.Shared.Return(pending.Raw);
                    }

                    lock (_gate)
                    {
                        _done[pending.Index] = (pending, sealedChunk);
                        while (_failure is null && _done.Remove(_nextCommit, out var ready))
                        {
                            _state.Commit(ready.Item1, ready.Item2);
                            _nextCommit++;
                        }
                    }
                }
            }
            catch (Exception e) when (e is not OperationCanceledException || !_stop.IsCancellationRequested)
            {
                lock (_gate)
                {
                    _failure ??= e;
                }

                await _stop.CancelAsync().ConfigureAwait(false);
            }
        }

        private void ThrowIfFailed()
        {
            if (_failure is { } failure)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
            }
        }
    }
}
