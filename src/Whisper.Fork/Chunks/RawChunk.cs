using System.Buffers.Binary;

using Whisper.Fork.Records;

namespace Whisper.Fork.Chunks;

/// <summary>
/// The raw (plaintext, uncompressed) form of a chunk: a 16-byte header, then the table's records back to back.
/// A chunk's id is the SHA-256 of exactly these bytes, so equal content deduplicates to one stored chunk.
/// Header: "WREC", version (1), table (1), two zero bytes, record count (int32 LE), four zero bytes.
/// </summary>
public static class RawChunk
{
    public const int HeaderLength = 16;
    public const byte Version = 1;

    private static ReadOnlySpan<byte> Magic => "WREC"u8;

    /// <summary>Starts a chunk in <paramref name="buffer"/>; <see cref="Finish"/> fills in the count.</summary>
    public static void Begin(RecordBuffer buffer, ForkTable table)
    {
        buffer.Clear();
        buffer.WriteBytes(Magic);
        buffer.WriteByte(Version);
        buffer.WriteByte((byte)table);
        buffer.WriteByte(0);
        buffer.WriteByte(0);
        buffer.WriteInt32(0);
        buffer.WriteInt32(0);
    }

    public static void Finish(RecordBuffer buffer, int recordCount) => buffer.PatchInt32(8, recordCount);

    /// <summary>Checks the header and returns the table, the record count and the records' bytes.</summary>
    public static (ForkTable Table, int RecordCount, ReadOnlyMemory<byte> Records) Parse(ReadOnlyMemory<byte> raw)
    {
        var span = raw.Span;
        if (span.Length < HeaderLength || !span[..4].SequenceEqual(Magic))
        {
            throw new InvalidDataException("chunk does not start with a WREC header");
        }

        if (span[4] != Version)
        {
            throw new InvalidDataException($"chunk format version {span[4]} is not supported (this build reads {Version})");
        }

        var table = (ForkTable)span[5];
        if (!Enum.IsDefined(table))
        {
            throw new InvalidDataException($"chunk names unknown table {span[5]}");
        }

        var count = BinaryPrimitives.ReadInt32LittleEndian(span[8..]);
        if (count < 0)
        {
            throw new InvalidDataException($"chunk claims {count} records");
        }

        return (table, count, raw[HeaderLength..]);
    }
}
