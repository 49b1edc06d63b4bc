using Whisper.Fork.Chunks;
using Whisper.Fork.Export;
using Whisper.Fork.Import;
using Whisper.Fork.Verify;

namespace Whisper.Fork.Tests.Migration;

public sealed class ResumeTests
{
    [Fact]
    public async Task DiskFullMidExport_StopsCleanly_AndTheRerunResumesToTheSameExport()
    {
        await using var f = await ForkFixture.CreateAsync();
        var scope = await f.ScopeAsync();
        var reference = await new ForkExporter(f.Source, f.Keys, scope).ExportAsync(f.ExportOptions(Path.Combine(f.Folder, "reference")));
        Assert.True(reference.Chunks.Count > 20);

        var full = new DiskFullAfter(writes: reference.Chunks.Count / 2);
        var failing = new ForkExporter(f.Source, f.Keys, scope) { ChunkStoreFactory = dir => full.Wrap(new FileChunkStore(dir)) };
        var error = await Assert.ThrowsAsync<IOException>(() => failing.ExportAsync(f.ExportOptions()));
        Assert.Contains("No space left", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(f.Repository, "manifest.json")));
        Assert.Empty(Directory.EnumerateFiles(f.Repository, "*.tmp*", SearchOption.AllDirectories));

        var journaled = File.ReadAllLines(Path.Combine(f.Repository, "export.journal")).Count(l => l.Contains("\"kind\":\"chunk\"", StringComparison.Ordinal));
        Assert.InRange(journaled, 1, reference.Chunks.Count - 1);

        var counting = new DiskFullAfter(writes: int.MaxValue);
        var resumed = await new ForkExporter(f.Source, f.Keys, scope) { ChunkStoreFactory = dir => counting.Wrap(new FileChunkStore(dir)) }.ExportAsync(f.ExportOptions());

        // The resumed run wrote only chunks the failed one had not journaled (fewer when some in flight had reached
        // the disk), and the export holds exactly the same content as an uninterrupted one.
        Assert.InRange(counting.Writes, reference.Chunks.Count - journaled - 8, reference.Chunks.Count - journaled);
        Assert.Equal(reference.Tables, resumed.Tables);
        Assert.Equal(reference.Chunks.Select(c => c.Id), resumed.Chunks.Select(c => c.Id));

        await new ForkImporter(f.Target, f.Keys).ImportAsync(f.Repository);
        var report = await new ForkVerifier(f.Keys).VerifyAsync(f.Repository, new VerifyOptions { Source = f.Source, Target = f.Target, Scope = scope });
        Assert.True(report.Ok);
    }

    [Fact]
    public async Task ImportStoppedMidway_RerunContinuesAfterTheLastAppliedChunk()
    {
        await using var f = await ForkFixture.CreateAsync();
        var scope = await f.ScopeAsync();
        var manifest = await new ForkExporter(f.Source, f.Keys, scope).ExportAsync(f.ExportOptions());
        using var stop = new CancellationTokenSource();
        var stopAfter = manifest.Chunks.Count / 3;
        var progress = new SyncProgress(p =>
        {
            if (p.Done >= stopAfter)
            {
                stop.Cancel();
            }
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new ForkImporter(f.Target, f.Keys).ImportAsync(f.Repository, progress, stop.Token));
        var second = await new ForkImporter(f.Target, f.Keys).ImportAsync(f.Repository);

        Assert.InRange(second.ChunksAlreadyApplied, stopAfter, stopAfter + 1);
        Assert.Equal(manifest.Chunks.Count, second.ChunksAlreadyApplied + second.ChunksApplied);
        var report = await new ForkVerifier(f.Keys).VerifyAsync(f.Repository, new VerifyOptions { Source = f.Source, Target = f.Target, Scope = scope });
        Assert.True(report.Ok);
    }

    /// <summary>Reports synchronously on the caller's thread (Progress&lt;T&gt; would post to the pool).</summary>
    private sealed class SyncProgress(Action<ForkProgress> report) : IProgress<ForkProgress>
    {
        public void Report(ForkProgress value) => report(value);
    }

    /// <summary>A chunk store whose disk fills up after a number of writes, the way ENOSPC surfaces in .NET.</summary>
    private sealed class DiskFullAfter(int writes)
    {
        private readonly int _limit = writes;
        private int _writes;

        public int Writes => _writes;

        public IChunkStore Wrap(IChunkStore inner) => new Store(this, inner);

        private sealed class Store(DiskFullAfter owner, IChunkStore inner) : IChunkStore
        {
            public bool Contains(string chunkId) => inner.Contains(chunkId);

            public void Write(string chunkId, ReadOnlySpan<byte> sealedChunk)
            {
                if (Interlocked.Increment(ref owner._writes) > owner._limit)
                {
                    throw new IOException("No space left on device : '" + chunkId + "'");
                }

                inner.Write(chunkId, sealedChunk);
            }

            public byte[] Read(string chunkId) => inner.Read(chunkId);

            public IEnumerable<string> List() => inner.List();

            public void Delete(string chunkId) => inner.Delete(chunkId);
        }
    }
}
