using System.Buffers.Binary;
using System.Text;

namespace Whisper.Fork.Records;

/// <summary>Reads what <see cref="RecordBuffer"/> wrote. Running past the end throws <see cref="InvalidDataException"/>.</summary>
public ref struct RecordReader(ReadOnlySpan<byte> bytes)
{
    private readonly ReadOnlySpan<byte> _bytes = bytes;

    public int Position { get; private set; }

    public readonly bool AtEnd => Position == _bytes.Length;

    public byte ReadByte() => Take(1)[0];

    public int ReadInt32() => BinaryPrimitives.ReadInt32LittleEndian(Take(4));

    public long ReadInt64() => BinaryPrimitives.ReadInt64LittleEndian(Take(8));

    public Guid ReadGuid() => new(Take(16), bigEndian: true);

    public ReadOnlySpan<byte> ReadBytes(int count) => Take(count);

    public string ReadString()
    {
        uint length = 0;
        for (var shift = 0; ; shift += 7)
        {
            if (shift > 28)
            {
                throw new InvalidDataException("record string length is not a valid LEB128 number");
            }

            var b = ReadByte();
            length |= (uint)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                break;
            }
        }

        return Encoding.UTF8.GetString(Take(checked((int)length)));
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count < 0 || Position + count > _bytes.Length)
        {
            throw new InvalidDataException($"record data ends at byte {_bytes.Length}, {count} more bytes expected at {Position}");
        }

        var span = _bytes.Slice(Position, count);
        Position += count;
        return span;
    }
}
