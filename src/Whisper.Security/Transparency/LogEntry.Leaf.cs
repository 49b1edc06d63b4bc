using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Whisper.Security.Transparency;

public sealed partial record LogEntry
{
    /// <summary>The leaf format version this build writes and the only one it reads.</summary>
    public const byte LeafVersion = 1;

    /// <summary>Bytes before the subject: version, kind, timestamp, digest, subject length.</summary>
    public const int LeafHeaderSize = 44;

    /// <summary>Largest canonical leaf: the header plus <see cref="MaxSubjectBytes"/>.</summary>
    public const int MaxLeafSize = LeafHeaderSize + MaxSubjectBytes;

    private const int DigestSize = 32;
    private const int KindOffset = 1;
    private const int TimestampOffset = 2;
    private const int DigestOffset = 10;
    private const int SubjectLengthOffset = 42;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Length of <see cref="ToLeafBytes"/>.</summary>
    public int LeafSize => LeafHeaderSize + StrictUtf8.GetByteCount(Subject);

    /// <summary>
    /// The canonical leaf, version 1 (big-endian): version (1) · kind (1) · timestamp, ms since the Unix epoch (8) ·
    /// SHA-256 (32) · subject length k (2) · subject, UTF-8 (k). The log stores and hashes exactly these bytes.
    /// </summary>
    public byte[] ToLeafBytes()
    {
        var leaf = new byte[LeafSize];
        WriteLeaf(leaf);
        return leaf;
    }

    /// <summary>Writes the canonical leaf into <paramref name="destination"/> and returns its length.</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than <see cref="LeafSize"/>.</exception>
    public int WriteLeaf(Span<byte> destination)
    {
        if (destination.Length < LeafHeaderSize)
        {
            throw new ArgumentException($"The destination needs {LeafSize} bytes.", nameof(destination));
        }

        var k = StrictUtf8.GetBytes(Subject, destination[LeafHeaderSize..]);
        destination[0] = LeafVersion;
        destination[KindOffset] = (byte)Kind;
        BinaryPrimitives.WriteInt64BigEndian(destination[TimestampOffset..], Timestamp.ToUnixTimeMilliseconds());
        Convert.FromHexString(Sha256, destination.Slice(DigestOffset, DigestSize), out _, out _);
        BinaryPrimitives.WriteUInt16BigEndian(destination[SubjectLengthOffset..], (ushort)k);
        return LeafHeaderSize + k;
    }

    /// <summary>Decodes a canonical leaf; refuses other versions, unknown kinds, bad lengths and invalid subjects.</summary>
    /// <param name="leaf">The leaf bytes.</param>
    /// <param name="entry">The entry, when the result is true.</param>
    /// <param name="problem">Why the leaf was refused, when the result is false.</param>
    public static bool TryFromLeafBytes(ReadOnlySpan<byte> leaf, [NotNullWhen(true)] out LogEntry? entry, [NotNullWhen(false)] out string? problem)
    {
        entry = null;
        problem = Decode(leaf, ref entry);
        return problem is null;
    }

    private static string? Decode(ReadOnlySpan<byte> leaf, ref LogEntry? entry)
    {
        if (leaf.Length < LeafHeaderSize)
        {
            return $"a leaf is at least {LeafHeaderSize} bytes; this one is {leaf.Length}.";
        }

        if (leaf[0] != LeafVersion)
        {
            return $"leaf version {leaf[0]} is unknown; this build reads version {LeafVersion}.";
        }

        var kind = (LogEntryKind)leaf[KindOffset];
        if (!LogEntryKinds.IsDefined(kind))
        {
            return $"leaf kind {leaf[KindOffset]} is unknown.";
        }

        var k = BinaryPrimitives.ReadUInt16BigEndian(leaf[SubjectLengthOffset..]);
        if (leaf.Length != LeafHeaderSize + k)
        {
            return $"the leaf says its subject is {k} bytes but {leaf.Length - LeafHeaderSize} follow.";
        }

        var ms = BinaryPrimitives.ReadInt64BigEndian(leaf[TimestampOffset..]);
        if (ms < DateTimeOffset.MinValue.ToUnixTimeMilliseconds() || ms > DateTimeOffset.MaxValue.ToUnixTimeMilliseconds())
        {
            return "the leaf's timestamp is out of range.";
        }

        string subject;
        try
        {
            subject = StrictUtf8.GetString(leaf.Slice(LeafHeaderSize, k));
        }
        catch (DecoderFallbackException)
        {
            return "the leaf's subject is not valid UTF-8.";
        }

        if (SubjectProblem(subject) is { } problem)
        {
            return problem;
        }

        entry = new LogEntry(kind, subject, leaf.Slice(DigestOffset, DigestSize), DateTimeOffset.FromUnixTimeMilliseconds(ms));
        return null;
    }
}
