using System.Security.Cryptography;

using Whisper.Fork.Chunks;
using Whisper.Fork.Export;
using Whisper.Fork.Keys;
using Whisper.Fork.Manifest;
using Whisper.Fork.Models;
using Whisper.Fork.Records;
using Whisper.Storage;

namespace Whisper.Fork.Import;

/// <summary>
/// <c>whisper fork import</c>: proves the manifest (signature, Merkle root), then applies chunks to the target in
/// manifest order — each chunk decrypted and checked against its id first, so nothing unproven reaches the store.
/// Idempotent and resumable: applied chunks are journaled; re-running continues after the last one.
/// Up to <see cref="Parallelism"/> chunks are read and decrypted ahead of the single applier.
/// </summary>
public sealed class ForkImporter(IWhisperStore target, IKeyProvider keys)
{
    public int Parallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>
    /// Where carried model files are restored (partial divestiture) or the retrained model's checkpoints go (full
    /// fork); null skips both.
    /// </summary>
    public string? ModelDirectory { get; init; }

    public async Task<ImportResult> ImportAsync(string repository, IProgress<ForkProgress>? progress = null, CancellationToken ct = default)
    {
        var manifest = ManifestFile.Read(repository, keys);
        var store = new FileChunkStore(repository);
        var opener = new ChunkOpener(keys, store);
        using var journal = ImportJournal.Open(repository, manifest.ExportId);
        var alreadyApplied = journal.Applied.Count;
        var todo = manifest.Chunks.Where(c => c.Table != ForkTable.Model && !journal.Applied.Contains(c.Index)).ToList();
        long records = 0, bytes = 0;
        var applied = 0;

        // Read ahead: decrypting is parallel, applying stays in manifest order.
        var window = new Queue<(ManifestChunk Chunk, Task<byte[]> Raw)>();
        var next = 0;
        while (next < todo.Count || window.Count > 0)
        {
            while (next < todo.Count && window.Count < Parallelism)
            {
                var chunk = todo[next++];
                window.Enqueue((chunk, Task.Run(() => opener.Open(chunk.Sealed), ct)));
            }

            var (current, rawTask) = window.Dequeue();
            var raw = await rawTask.ConfigureAwait(false);
            var (table, count, body) = RawChunk.Parse(raw);
            if (table != current.Table || count != current.Records)
            {
                throw new ChunkIntegrityException(current.Id, ChunkCipherFault.ContentMismatch, $"it holds {count} {table} records; the manifest says {current.Records} {current.Table}");
            }

            await ChunkApplier.ApplyAsync(target, table, count, body, ct).ConfigureAwait(false);
            journal.MarkApplied(current.Index);
            applied++;
            records += count;
            bytes += raw.Length;
            progress?.Report(new ForkProgress("import", alreadyApplied + applied, alreadyApplied + todo.Count, records, bytes));
        }

        var models = ModelDirectory is null ? [] : RestoreModels(manifest, opener, ModelDirectory);
        long? retrained = null;
        if (manifest.Mode == ForkMode.FullFork && ModelDirectory is not null)
        {
            // Full fork: no model travelled; the region learns from its own (imported) log.
            retrained = await ModelTransfer.RetrainFromScratchAsync(target, ModelDirectory, progress, ct).ConfigureAwait(false);
        }

        return new ImportResult(manifest.ExportId, applied, alreadyApplied, records, bytes, models) { RetrainedAtPosition = retrained };
    }

    private static List<string> RestoreModels(ForkManifest manifest, ChunkOpener opener, string directory)
    {
        Directory.CreateDirectory(directory);
        var written = new List<string>();
        foreach (var model in manifest.Models)
        {
            var path = Path.Combine(directory, Path.GetFileName(model.Name));
            var content = new MemoryStream();
            for (var i = model.FirstChunk; i < model.FirstChunk + model.ChunkCount; i++)
            {
                var (_, _, body) = RawChunk.Parse(opener.Open(manifest.Chunks[i].Sealed));
                content.Write(body.Span);
            }

            var bytes = content.ToArray();
            if (bytes.LongLength != model.Bytes || Convert.ToHexStringLower(SHA256.HashData(bytes)) != model.Sha256)
            {
                throw new ForkManifestException($"model {model.Name} reassembles to {bytes.Length} bytes that do not hash to the manifest's {model.Sha256}");
            }

            AtomicFile.Write(path, bytes);
            written.Add(path);
        }

        return written;
    }
}
