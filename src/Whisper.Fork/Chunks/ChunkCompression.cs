namespace Whisper.Fork.Chunks;

/// <summary>How a chunk's raw bytes are compressed before sealing. Values are written into chunks: never renumber.</summary>
public enum ChunkCompression : byte
{
    None = 0,

    /// <summary>LZ4 block format (K4os.Compression.LZ4, fast level): ~GB/s, so it never becomes the export's bottleneck.</summary>
    Lz4 = 1,
}
