using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;

namespace Whisper.Recommendation.Embeddings;

/// <summary>
/// Reads what <see cref="SnapshotWriter"/> wrote: hashes as it reads, reports truncation with the offset and what
/// was being read, and checks the trailing XxHash64 in <see cref="VerifyChecksum"/>. Callers build a new object from
/// the bytes and use it only after the checksum passed, so a bad file never half-replaces good state.
/// </summary>
internal sealed class SnapshotReader
{
    private const int BufferSize = 1 << 16;

    private readonly Stream _stream;
    private readonly XxHash64 _hash = new();
    private readonly byte[] _buffer = new byte[BufferSize];
    private int _start;
    private int _end;
    private long _bufferOffset;

    public SnapshotReader(Stream stream, string source)
    {
        _stream = stream;
        Source = source;
    }

    public string Source { get; }

    /// <summary>Bytes consumed so far.</summary>
    public long Offset => _bufferOffset + _start;

    /// <summary>Name of the field being read, for truncation errors.</summary>
    public string Field { get; set; } = "header";

    public EmbeddingSnapshotFormatException Error(string reason) => new(Source, Offset, reason);

    public void ReadBytes(Span<byte> into)
    {
        while (!into.IsEmpty)
        {
            if (_start == _end && !Fill())
            {
                throw Error($"file is truncated: {Field} needs {into.Length} more bytes");
            }

            var n = Math.Min(into.Length, _end - _start);
            _buffer.AsSpan(_start, n).CopyTo(into);
            _hash.Append(_buffer.AsSpan(_start, n));
            _start += n;
            into = into[n..];
        }
    }

    public byte ReadByte() => Take(1)[0];

    public ushort ReadUInt16() => BinaryPrimitives.ReadUInt16LittleEndian(Take(2));

    public int ReadInt32() => BinaryPrimitives.ReadInt32LittleEndian(Take(4));

    public long ReadInt64() => BinaryPrimitives.ReadInt64LittleEndian(Take(8));

    public float ReadSingle() => BinaryPrimitives.ReadSingleLittleEndian(Take(4));

    public void ReadSingles(Span<float> into)
    {
        for (var i = 0; i < into.Length; i++)
        {
            into[i] = ReadSingle();
        }
    }

    public string ReadShortString()
    {
        Span<byte> bytes = stackalloc byte[byte.MaxValue];
        var length = ReadByte();
        ReadBytes(bytes[..length]);
        return Encoding.UTF8.GetString(bytes[..length]);
    }

    /// <summary>Reads the trailing checksum and compares it with the hash of everything before it.</summary>
    public void VerifyChecksum()
    {
        var expected = _hash.GetCurrentHashAsUInt64();
        var at = Offset;
        Span<byte> sum = stackalloc byte[8];
        Field = "checksum";
        ReadBytes(sum);
        if (BinaryPrimitives.ReadUInt64LittleEndian(sum) != expected)
        {
            throw new EmbeddingSnapshotFormatException(Source, at, "checksum mismatch: the file is corrupt");
        }
    }

    /// <summary>True when nothing follows what was read (the trailer of a top-level file).</summary>
    public bool AtEnd() => !(_start < _end || Fill());

    private ReadOnlySpan<byte> Take(int n)
    {
        if (_end - _start < n)
        {
            Compact();
            while (_end - _start < n)
            {
                if (!Fill())
                {
                    throw Error($"file is truncated: {Field} needs {n} bytes");
                }
            }
        }

        var span = _buffer.AsSpan(_start, n);
        _hash.Append(span);
        _start += n;
        return span;
    }

    private void Compact()
    {
        if (_start == 0)
        {
            return;
        }

        var remaining = _end - _start;
        _buffer.AsSpan(_start, remaining).CopyTo(_buffer);
        _bufferOffset += _start;
        _start = 0;
        _end = remaining;
    }

    private bool Fill()
    {
        if (_start == _end)
        {
            _bufferOffset += _start;
            _start = _end = 0;
        }
        else
        {
            Compact();
        }

        var read = _stream.Read(_buffer, _end, BufferSize - _end);
        _end += read;
        return read > 0;
    }
}
