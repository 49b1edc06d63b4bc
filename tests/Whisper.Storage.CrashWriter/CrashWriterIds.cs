namespace Whisper.Storage.CrashWriter;

/// <summary>
/// Deterministic client event ids for the kill test, shared (as a linked file) by the writer and the test:
/// bytes 0-3 hold batch+1, bytes 4-7 index+1 (little-endian), bytes 8-15 a fixed marker.
/// </summary>
internal static class CrashWriterIds
{
    public const int BatchSize = 500;

    private const ulong Marker = 0x5748_4953_5045_5221; // "WHISPER!"

    public static Guid For(int batch, int index)
    {
        Span<byte> bytes = stackalloc byte[16];
        BitConverter.TryWriteBytes(bytes, batch + 1);
        BitConverter.TryWriteBytes(bytes[4..], index + 1);
        BitConverter.TryWriteBytes(bytes[8..], Marker);
        return new Guid(bytes);
    }

    /// <summary>Recovers (batch, index) from an id made by <see cref="For"/>; false for any other id.</summary>
    public static bool TryParse(Guid id, out int batch, out int index)
    {
        Span<byte> bytes = stackalloc byte[16];
        id.TryWriteBytes(bytes);
        batch = BitConverter.ToInt32(bytes) - 1;
        index = BitConverter.ToInt32(bytes[4..]) - 1;
        return BitConverter.ToUInt64(bytes[8..]) == Marker;
    }
}
