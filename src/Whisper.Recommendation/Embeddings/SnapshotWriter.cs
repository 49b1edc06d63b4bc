using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;

namespace Whisper.Recommendation.Embeddings;

/// <summary>
/// Little-endian writer for snapshot and checkpoint files: buffers 64 KiB, hashes every byte with XxHash64 on the way
/// out, and ends with <see cref="WriteChecksum"/>. Byte order is explicit (BinaryPrimitives), not the host's.
/// </summary>
internal sealed class SnapshotWriter
{
    private const int BufferSize = 1 << 16;

    private readonly Stream _stream;
    private readonly XxHash64 _hash = new();
    private readonly byte[] _buffer = new byte[BufferSize];
    private int _used;

    public SnapshotWriter(Stream stream) => _stream = stream;

    public long Written { get; private set; }

    public void WriteBytes(ReadOnlySpan<byte> bytes)
    {
        while (!bytes.IsEmpty)
        {
            var n = Math.Min(bytes.Length, BufferSize - _used);
            bytes[..n].CopyTo(_buffer.AsSpan(_used));
            _used += n;
            bytes = bytes[n..];
            if (_used == BufferSize)
            {
                Flush();
            }
        }
    }

    public void WriteByte(byte value) => Reserve(1)[0] = value;

    public void WriteUInt16(ushort value) => BinaryPrimitives.WriteUInt16LittleEndian(Reserve(2), value);

    public void WriteInt32(int value) => BinaryPrimitives.WriteInt32LittleEndian(Reserve(4), value);

    public void WriteInt64(long value) => BinaryPrimitives.WriteInt64LittleEndian(Reserve(8), value);

    public void WriteSingle(float value) => BinaryPrimitives.WriteSingleLittleEndian(Reserve(4), value);

    public void WriteSingles(ReadOnlySpan<float> values)
    {
        foreach (var v in values)
        {
            WriteSingle(v);
        }
    }

    /// <summary>u8 length + UTF-8 bytes (≤ 255).</summary>
    public void WriteShortString(string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        if (bytes.Length > byte.MaxValue)
        {
            throw new ArgumentException($"'{value}' is longer than 255 UTF-8 bytes.", nameof(value));
        }

        WriteByte((byte)bytes.Length);
        WriteBytes(bytes);
    }

    /// <summary>Writes the XxHash64 of everything written so far (u64 LE) and flushes.</summary>
    public void WriteChecksum()
    {
        Flush();
        Span<byte> sum = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(sum, _hash.GetCurrentHashAsUInt64());
        _stream.Write(sum);
        Written += 8;
        _stream.Flush();
    }

    private Span<byte> Reserve(int n)
    {
        if (_used + n > BufferSize)
        {
            Flush();
        }

        var span = _buffer.AsSpan(_used, n);
        _used += n;
        return span;
    }

    private void Flush()
    {
        if (_used == 0)
        {
            return;
        }

        _hash.Append(_buffer.AsSpan(0, _used));
        _stream.Write(_buffer, 0, _used);
        Written += _used;
        _used = 0;
    }
}
