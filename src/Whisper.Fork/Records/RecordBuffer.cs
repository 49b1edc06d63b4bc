using System.Buffers.Binary;
using System.Text;

namespace Whisper.Fork.Records;

/// <summary>
/// A growable little-endian byte buffer that records are encoded into. Strings are a LEB128 length followed by
/// UTF-8 bytes. Reused across chunks (<see cref="Clear"/>) so encoding allocates only when it grows.
/// </summary>
public sealed class RecordBuffer(int initialCapacity = 1 << 20)
{
    private byte[] _bytes = new byte[Math.Max(16, initialCapacity)];

    public int Length { get; private set; }

    public ReadOnlySpan<byte> WrittenSpan => _bytes.AsSpan(0, Length);

    public ReadOnlyMemory<byte> WrittenMemory => _bytes.AsMemory(0, Length);

    public void Clear() => Length = 0;

    /// <summary>Drops everything after <paramref name="length"/>; used to undo a partly written record.</summary>
    public void Truncate(int length)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, Length);
        Length = length;
    }

    public void WriteByte(byte value) => Take(1)[0] = value;

    public void WriteInt32(int value) => BinaryPrimitives.WriteInt32LittleEndian(Take(4), value);

    public void WriteInt64(long value) => BinaryPrimitives.WriteInt64LittleEndian(Take(8), value);

    public void WriteGuid(Guid value) => value.TryWriteBytes(Take(16), bigEndian: true, out _);

    public void WriteBytes(ReadOnlySpan<byte> value) => value.CopyTo(Take(value.Length));

    public void WriteString(string value)
    {
        var byteCount = Encoding.UTF8.GetByteCount(value);
        WriteVarUInt((uint)byteCount);
        Encoding.UTF8.GetBytes(value, Take(byteCount));
    }

    /// <summary>Overwrites four bytes already written at <paramref name="offset"/> (a count known only at the end).</summary>
    public void PatchInt32(int offset, int value) => BinaryPrimitives.WriteInt32LittleEndian(_bytes.AsSpan(offset, 4), value);

    private void WriteVarUInt(uint value)
    {
        while (value >= 0x80)
        {
            WriteByte((byte)(value | 0x80));
            value >>= 7;
        }

        WriteByte((byte)value);
    }

    private Span<byte> Take(int count)
    {
        if (Length + count > _bytes.Length)
        {
            Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, Length + count));
        }

        var span = _bytes.AsSpan(Length, count);
        Length += count;
        return span;
    }
}
