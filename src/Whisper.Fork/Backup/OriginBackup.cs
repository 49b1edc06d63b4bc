using System.Security.Cryptography;

using Whisper.Fork.Export;
using Whisper.Fork.Keys;
using Whisper.Fork.Records;
using Whisper.Fork.Scope;
using Whisper.Storage;

namespace Whisper.Fork.Backup;

/// <summary>
/// Writes an origin backup (docs/purge.md, "Backup format"): every row of a store, encoded as in fork chunks, in frames
/// that each hold one subject's rows of one table sealed with AES-256-GCM under that subject's own data key from a
/// new <see cref="BackupKeyVault"/>. A backup cannot be rewritten to drop a person, but destroying that person's key
/// makes their frames unreadable in this file and in every copy of it (crypto-shredding).
/// </summary>
public static class OriginBackup
{
    private const int PageSize = 10_000;

    /// <summary>Backs up <paramref name="store"/> to <paramref name="path"/> (a <c>.wbk</c> file, written whole then renamed into place).</summary>
    public static async Task<BackupSummary> WriteAsync(IWhisperStore store, IKeyProvider keys, string keyDirectory, string path, TimeProvider? clock = null, IProgress<ForkProgress>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(keys);
        var vault = BackupKeyVault.Create(keyDirectory, keys);
        var header = new BackupFormat.Header(
            Guid.CreateVersion7(),
            vault.VaultId,
            (clock ?? TimeProvider.System).GetUtcNow(),
            await store.Events.GetHeadAsync(ct).ConfigureAwait(false),
            await store.Catalog.GetChangeHeadAsync(ct).ConfigureAwait(false));
        var temporary = path + ".tmp";
        var records = new Dictionary<ForkTable, long>();
        long frames = 0;
        var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        await using (stream.ConfigureAwait(false))
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var headerBytes = new byte[BackupFormat.HeaderSize];
            BackupFormat.WriteHeader(headerBytes, header);
            Write(stream, hash, headerBytes);
            var sink = new PageSink();
            foreach (var source in TableSources.All)
            {
                var total = await source.CountAsync(store, header.EventHead, ct).ConfigureAwait(false);
                var cursor = new ScanCursor(0, 0);
                long done = 0;
                while (true)
                {
                    sink.Clear();
                    var (scanned, next) = await source.ReadPageAsync(store, cursor, PageSize, header.EventHead, WholeStoreScope.Instance, sink, ct).ConfigureAwait(false);
                    if (scanned == 0)
                    {
                        break;
                    }

                    frames += SealPage(stream, hash, vault, header.BackupId, source.Table, sink);
                    cursor = next;
                    done += scanned;
                    records[source.Table] = records.GetValueOrDefault(source.Table) + sink.Rows.Count;
                    progress?.Report(new ForkProgress("backup " + ForkTables.NameOf(source.Table), done, total, 0, 0));
                }
            }

            var trailer = new byte[BackupFormat.TrailerSize];
            System.Buffers.Binary.BinaryPrimitives.WriteInt64LittleEndian(trailer.AsSpan(8), frames);
            hash.AppendData(trailer, 0, 16);
            hash.GetHashAndReset(trailer.AsSpan(16));
            stream.Write(trailer);
            stream.Flush(flushToDisk: true);
        }

        // The vault first: a backup on disk whose vault is missing could never be read, a vault without its backup is harmless.
        vault.Save();
        File.Move(temporary, path, overwrite: true);
        return new BackupSummary(path, header.BackupId, vault.VaultId, vault.Path, header.CreatedAt, frames, vault.Count, records);
    }

    /// <summary>Groups one page's rows by owner and seals one frame per (table, owner); returns the frames written.</summary>
    private static int SealPage(FileStream stream, IncrementalHash hash, BackupKeyVault vault, Guid backupId, ForkTable table, PageSink sink)
    {
        var rows = sink.Rows;
        var bytes = sink.Buffer.WrittenSpan;
        var order = new (BackupSubject Subject, int Index)[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            order[i] = (BackupSubject.Of(table, bytes[rows[i].Start..rows[i].End]), i);
        }

        // Stable within a subject (index breaks ties), so a frame's records stay in the table's scan order.
        Array.Sort(order, static (a, b) => a.Subject != b.Subject ? a.Subject.CompareTo(b.Subject) : a.Index.CompareTo(b.Index));
        Span<byte> key = stackalloc byte[32];
        Span<byte> aad = stackalloc byte[16 + BackupFormat.FrameAadSize];
        var plain = new RecordBuffer(1 << 12);
        var frames = 0;
        for (var start = 0; start < order.Length;)
        {
            var subject = order[start].Subject;
            var end = start;
            plain.Clear();
            while (end < order.Length && order[end].Subject == subject)
            {
                var (from, to) = rows[order[end].Index];
                plain.WriteBytes(bytes[from..to]);
                end++;
            }

            vault.GetOrCreateKey(subject, key);
            var frame = new byte[BackupFormat.FrameHeaderSize + plain.Length + BackupFormat.TagSize];
            BackupFormat.WriteFrameHeader(frame, new BackupFormat.FrameHeader(table, subject, end - start, plain.Length));
            RandomNumberGenerator.Fill(frame.AsSpan(BackupFormat.FrameAadSize, BackupFormat.NonceSize));
            BackupFormat.WriteAad(aad, backupId, frame);
            using (var aes = new AesGcm(key, BackupFormat.TagSize))
            {
                aes.Encrypt(
                    frame.AsSpan(BackupFormat.FrameAadSize, BackupFormat.NonceSize),
                    plain.WrittenSpan,
                    frame.AsSpan(BackupFormat.FrameHeaderSize, plain.Length),
                    frame.AsSpan(BackupFormat.FrameHeaderSize + plain.Length, BackupFormat.TagSize),
                    aad);
            }

            Write(stream, hash, frame);
            frames++;
            start = end;
        }

        CryptographicOperations.ZeroMemory(key);
        return frames;
    }

    private static void Write(FileStream stream, IncrementalHash hash, byte[] bytes)
    {
        hash.AppendData(bytes);
        stream.Write(bytes);
    }

    /// <summary>Collects one page of encoded rows and where each starts and ends.</summary>
    private sealed class PageSink : IRecordSink
    {
        public RecordBuffer Buffer { get; } = new(1 << 20);

        public List<(int Start, int End)> Rows { get; } = [];

        public void Clear()
        {
            Buffer.Clear();
            Rows.Clear();
        }

        public void Committed(int start, RecordKey key, ScanCursor cursor) => Rows.Add((start, Buffer.Length));
    }
}

/// <summary>What <see cref="OriginBackup.WriteAsync"/> wrote: the file, its ids, and rows per table.</summary>
public sealed record BackupSummary(string Path, Guid BackupId, Guid VaultId, string VaultPath, DateTimeOffset CreatedAt, long Frames, int Keys, IReadOnlyDictionary<ForkTable, long> Records);
