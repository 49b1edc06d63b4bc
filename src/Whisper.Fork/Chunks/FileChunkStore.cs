namespace Whisper.Fork.Chunks;

/// <summary>
/// Chunks as files under <c>chunks/&lt;first two hex digits&gt;/&lt;id&gt;</c> (restic's layout: at most 256
/// entries per directory level). Written to a temporary name, flushed to disk, then renamed into place.
/// </summary>
public sealed class FileChunkStore : IChunkStore
{
    private readonly string _root;

    public FileChunkStore(string repositoryDirectory)
    {
        _root = Path.Combine(repositoryDirectory, "chunks");
        Directory.CreateDirectory(_root);
    }

    public bool Contains(string chunkId) => File.Exists(PathOf(chunkId));

    public void Write(string chunkId, ReadOnlySpan<byte> sealedChunk)
    {
        var path = PathOf(chunkId);
        if (File.Exists(path))
        {
            return;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".tmp-" + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture) + "-" + Environment.CurrentManagedThreadId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        try
        {
            using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1))
            {
                stream.Write(sealedChunk);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    public byte[] Read(string chunkId)
    {
        var path = PathOf(chunkId);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"chunk {chunkId} is missing from the repository ({path})", path);
        }

        return File.ReadAllBytes(path);
    }

    public IEnumerable<string> List()
    {
        foreach (var file in Directory.EnumerateFiles(_root, "*", SearchOption.AllDirectories))
        {
            var name = Path.GetFileName(file);
            if (name.Length == 64 && !name.Contains('.', StringComparison.Ordinal))
            {
                yield return name;
            }
        }
    }

    public void Delete(string chunkId) => TryDelete(PathOf(chunkId));

    private string PathOf(string chunkId)
    {
        if (chunkId.Length != 64 || !chunkId.All(char.IsAsciiHexDigitLower))
        {
            throw new ArgumentException($"'{chunkId}' is not a chunk id (64 lower-case hex digits)", nameof(chunkId));
        }

        return Path.Combine(_root, chunkId[..2], chunkId);
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: a leftover temporary file is ignored by List and overwritten by the next write.
        }
    }
}
