namespace Whisper.Security.AuditTrail;

/// <summary>
/// Reads a trail file line by line from the start without loading it whole: each line's bytes (without '\n'), where it
/// starts, and whether it ended with '\n' (only a torn last line does not).
/// </summary>
internal sealed class TrailLineReader(Stream stream)
{
    /// <summary>Longest line read; a record is at most ~10 KB (five 2 KiB fields and 16 roles), so longer is damage.</summary>
    public const int MaxLineBytes = 64 * 1024;

    private readonly byte[] _buffer = new byte[MaxLineBytes + 1];
    private int _start;
    private int _end;
    private long _bufferOffset;
    private bool _eof;

    /// <summary>File offset of the line last returned.</summary>
    public long LineOffset { get; private set; }

    /// <summary>Line number (1-based) of the line last returned.</summary>
    public long LineNumber { get; private set; }

    /// <summary>Next line, or false at the end of the file. A line over <see cref="MaxLineBytes"/> is returned cut, unterminated.</summary>
    public bool TryReadLine(out ReadOnlySpan<byte> line, out bool terminated)
    {
        while (true)
        {
            var newline = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                return Take(newline, 1, out line, out terminated);
            }

            if (_eof || _end - _start > MaxLineBytes)
            {
                if (_end == _start)
                {
                    line = default;
                    terminated = false;
                    return false;
                }

                return Take(_end - _start, 0, out line, out terminated);
            }

            Fill();
        }
    }

    private bool Take(int length, int separator, out ReadOnlySpan<byte> line, out bool terminated)
    {
        LineOffset = _bufferOffset + _start;
        LineNumber++;
        line = _buffer.AsSpan(_start, length);
        terminated = separator == 1;
        _start += length + separator;
        return true;
    }

    private void Fill()
    {
        if (_start > 0)
        {
            Array.Copy(_buffer, _start, _buffer, 0, _end - _start);
            _bufferOffset += _start;
            _end -= _start;
            _start = 0;
        }

        var read = stream.Read(_buffer, _end, _buffer.Length - _end);
        _eof = read == 0;
        _end += read;
    }
}
