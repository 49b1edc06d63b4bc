namespace Whisper.Fork.Chunks;

/// <summary>
/// Where sealed chunks live, addressed by chunk id (lower-case hex SHA-256 of the raw chunk). Writes are atomic:
/// a chunk is either absent or complete, never half written, so a crash mid-write leaves nothing to clean up.
/// </summary>
public interface IChunkStore
{
    bool Contains(string chunkId);

    /// <summary>Stores a chunk unless one with this id exists. An <see cref="IOException"/> (disk full) leaves no trace.</summary>
    void Write(string chunkId, ReadOnlySpan<byte> sealedChunk);

    /// <summary>The sealed bytes; <see cref="FileNotFoundException"/> naming the id when absent.</summary>
    byte[] Read(string chunkId);

    IEnumerable<string> List();

    void Delete(string chunkId);
}
