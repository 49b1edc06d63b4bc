using System.Buffers.Binary;

using Microsoft.Win32.SafeHandles;

using Whisper.Core.Integrity;

namespace Whisper.Security.Transparency;

/// <summary>Reads framed leaves from <c>leaves.dat</c> in order through a 1 MiB window (recovery only).</summary>
internal sealed class LeafScanner(SafeFileHandle file, long position, long length)
{
    private readonly byte[] _buffer = new byte[1 << 20];
    private long _bufferStart = position;
    private int _bufferLength;
    private int _recordLength;

    /// <summary>Offset of the next record.</summary>
    public long Position { get; private set; } = position;

    /// <summary>
    /// Reads the record at <see cref="Position"/> without moving past it; false when it is torn (runs past the end of
    /// the file) or its length is 0 or over <see cref="LogFiles.MaxLeafBytes"/>. The spans live until the next call.
    /// </summary>
    public bool TryRead(out ReadOnlySpan<byte> leaf, out ReadOnlySpan<byte> trailer)
    {
        leaf = trailer = default;
        if (!Fill(4))
        {
            return false;
        }

        var at = (int)(Position - _bufferStart);
        var n = BinaryPrimitives.ReadUInt32BigEndian(_buffer.AsSpan(at, 4));
        if (n is 0 or > LogFiles.MaxLeafBytes || !Fill(LogFiles.LeafFraming + (int)n))
        {
            return false;
        }

        at = (int)(Position - _bufferStart);
        leaf = _buffer.AsSpan(at + 4, (int)n);
        trailer = _buffer.AsSpan(at + 4 + (int)n, MerkleTree.HashSize);
        _recordLength = LogFiles.LeafFraming + (int)n;
        return true;
    }

    /// <summary>Moves past the record the last <see cref="TryRead"/> returned.</summary>
    public void Advance() => Position += _recordLength;

    /// <summary>Makes [Position, Position + count) available in the buffer; false when the file is shorter.</summary>
    private bool Fill(int count)
    {
        if (Position + count > length)
        {
            return false;
        }

        if (Position + count <= _bufferStart + _bufferLength)
        {
            return true;
        }

        _bufferStart = Position;
        _bufferLength = 0;
        var want = (int)Math.Min(_buffer.Length, length - Position);
        while (_bufferLength < want)
        {
            var read = RandomAccess.Read(file, _buffer.AsSpan(_bufferLength, want - _bufferLength), _bufferStart + _bufferLength);
            if (read == 0)
            {
                break;
            }

            _bufferLength += read;
        }

        return Position + count <= _bufferStart + _bufferLength;
    }
}
