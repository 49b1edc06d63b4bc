using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Whisper.Security.AuditTrail;

/// <summary>
/// The canonical encodings the chain hashes (docs/security/audit-trail.md, "Canonical encoding"): a 5-byte tag, then
/// each field in a fixed order, integers big-endian, strings as a 4-byte length and UTF-8 bytes, hashes as 32 raw bytes.
/// Hashing these bytes rather than the JSON text keeps the chain independent of JSON spelling; the reader still
/// refuses a line that is not exactly what the writer would write.
/// </summary>
public static class AuditHash
{
    /// <summary>Length of a hash in hex digits.</summary>
    public const int HexLength = 64;

    /// <summary>Most UTF-8 bytes in one text field; the writer refuses more (the server truncates before).</summary>
    public const int MaxFieldBytes = 2048;

    /// <summary>Most roles one record lists.</summary>
    public const int MaxRoles = 16;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>SHA-256 of <c>"WATH1"</c> · trail id (16 bytes) · created, ms since the Unix epoch (int64).</summary>
    public static string Header(string trailId, DateTimeOffset created)
    {
        if (!IsHash(trailId, 32))
        {
            throw new ArgumentException("A trail id is 32 lowercase hex digits.", nameof(trailId));
        }

        Span<byte> bytes = stackalloc byte[5 + 16 + 8];
        "WATH1"u8.CopyTo(bytes);
        Convert.FromHexString(trailId, bytes.Slice(5, 16), out _, out _);
        BinaryPrimitives.WriteInt64BigEndian(bytes[21..], created.ToUnixTimeMilliseconds());
        return Convert.ToHexStringLower(SHA256.HashData(bytes));
    }

    /// <summary>
    /// SHA-256 of <c>"WATR1"</c> · sequence (int64) · time ms (int64) · actor · role count (uint16) · roles · action ·
    /// target · outcome (1 byte) · status (int32) · source IP · previous hash (32 bytes).
    /// </summary>
    /// <exception cref="ArgumentException">A field breaks a limit (length, role count, hash shape, invalid Unicode).</exception>
    public static string Record(AuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (Problem(record) is { } problem)
        {
            throw new ArgumentException(problem, nameof(record));
        }

        var buffer = new ArrayBufferWriter<byte>(256);
        buffer.Write("WATR1"u8);
        WriteInt64(buffer, record.Sequence);
        WriteInt64(buffer, record.Time.ToUnixTimeMilliseconds());
        WriteString(buffer, record.Actor);
        var count = buffer.GetSpan(2);
        BinaryPrimitives.WriteUInt16BigEndian(count, (ushort)record.Roles.Count);
        buffer.Advance(2);
        foreach (var role in record.Roles)
        {
            WriteString(buffer, role);
        }

        WriteString(buffer, record.Action);
        WriteString(buffer, record.Target);
        buffer.GetSpan(1)[0] = (byte)record.Outcome;
        buffer.Advance(1);
        BinaryPrimitives.WriteInt32BigEndian(buffer.GetSpan(4), record.Status);
        buffer.Advance(4);
        WriteString(buffer, record.SourceIp);
        Convert.FromHexString(record.PreviousHash, buffer.GetSpan(32)[..32], out _, out _);
        buffer.Advance(32);
        return Convert.ToHexStringLower(SHA256.HashData(buffer.WrittenSpan));
    }

    /// <summary>Null when every field of <paramref name="record"/> (except its own hash) fits the format, else why not.</summary>
    public static string? Problem(AuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.Sequence < 1)
        {
            return "seq must be 1 or more.";
        }

        if (!Enum.IsDefined(record.Outcome))
        {
            return "outcome is not succeeded, refused or failed.";
        }

        if (record.Status is < 0 or > 999)
        {
            return "status must be 0 to 999.";
        }

        if (!IsHash(record.PreviousHash, HexLength))
        {
            return "prev must be 64 lowercase hex digits.";
        }

        if (record.Roles.Count > MaxRoles)
        {
            return $"at most {MaxRoles} roles.";
        }

        foreach (var role in record.Roles)
        {
            if (FieldProblem("roles[]", role) is { } roleProblem)
            {
                return roleProblem;
            }
        }

        return FieldProblem("actor", record.Actor) ?? FieldProblem("action", record.Action) ?? FieldProblem("target", record.Target)
            ?? FieldProblem("sourceIp", record.SourceIp);
    }

    /// <summary>True for exactly <paramref name="length"/> lowercase hex digits.</summary>
    public static bool IsHash(string? text, int length = HexLength)
    {
        if (text is null || text.Length != length)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c) && c is not (>= 'a' and <= 'f'))
            {
                return false;
            }
        }

        return true;
    }

    private static string? FieldProblem(string name, string? value)
    {
        if (value is null)
        {
            return $"{name} is missing.";
        }

        try
        {
            return StrictUtf8.GetByteCount(value) > MaxFieldBytes ? $"{name} is over {MaxFieldBytes} UTF-8 bytes." : null;
        }
        catch (EncoderFallbackException)
        {
            return $"{name} is not valid Unicode.";
        }
    }

    private static void WriteInt64(ArrayBufferWriter<byte> buffer, long value)
    {
        BinaryPrimitives.WriteInt64BigEndian(buffer.GetSpan(8), value);
        buffer.Advance(8);
    }

    private static void WriteString(ArrayBufferWriter<byte> buffer, string value)
    {
        var length = StrictUtf8.GetByteCount(value);
        BinaryPrimitives.WriteUInt32BigEndian(buffer.GetSpan(4), (uint)length);
        buffer.Advance(4);
        buffer.Advance(StrictUtf8.GetBytes(value, buffer.GetSpan(length)));
    }
}
