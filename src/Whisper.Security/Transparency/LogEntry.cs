using System.Globalization;
using System.Text;

namespace Whisper.Security.Transparency;

/// <summary>
/// One transparency-log entry: what is attested (<see cref="Kind"/>), which thing (<see cref="Subject"/>, e.g.
/// <c>whisper-server 1.4.2 linux-x64</c> or <c>fork 0196…: step freeze</c>), its SHA-256 (<see cref="Sha256"/>) and
/// when it was logged. The leaf the log hashes is <see cref="ToLeafBytes"/>, documented byte by byte in
/// docs/security/transparency-log.md.
/// </summary>
/// <remarks>
/// The constructor normalises so that an entry equals the one decoded from its own leaf: the digest becomes lowercase
/// hex and the timestamp UTC, truncated to whole milliseconds (what the leaf stores).
/// </remarks>
public sealed partial record LogEntry
{
    /// <summary>Most UTF-8 bytes in a subject; keeps a leaf under 1,100 bytes.</summary>
    public const int MaxSubjectBytes = 1024;

    /// <exception cref="ArgumentException">Unknown kind, a subject that is empty, too long or holds control characters, or a digest that is not 64 hex digits.</exception>
    public LogEntry(LogEntryKind kind, string subject, string sha256, DateTimeOffset timestamp)
    {
        if (!LogEntryKinds.IsDefined(kind))
        {
            throw new ArgumentException($"Unknown log entry kind {(byte)kind}; kinds are {string.Join(", ", LogEntryKinds.All)}.", nameof(kind));
        }

        if (SubjectProblem(subject) is { } subjectProblem)
        {
            throw new ArgumentException(subjectProblem, nameof(subject));
        }

        if (DigestProblem(sha256) is { } digestProblem)
        {
            throw new ArgumentException(digestProblem, nameof(sha256));
        }

        Kind = kind;
        Subject = subject;
        Sha256 = sha256.ToLowerInvariant();
        Timestamp = DateTimeOffset.FromUnixTimeMilliseconds(timestamp.ToUnixTimeMilliseconds());
    }

    /// <summary>Builds an entry from a digest's bytes (32).</summary>
    public LogEntry(LogEntryKind kind, string subject, ReadOnlySpan<byte> sha256, DateTimeOffset timestamp)
        : this(kind, subject, sha256.Length == DigestSize ? Convert.ToHexStringLower(sha256) : throw new ArgumentException($"A SHA-256 digest is {DigestSize} bytes; got {sha256.Length}.", nameof(sha256)), timestamp)
    {
    }

    public LogEntryKind Kind { get; }

    public string Subject { get; }

    /// <summary>SHA-256 of the attested thing: 64 lowercase hex digits.</summary>
    public string Sha256 { get; }

    /// <summary>When the entry was logged, UTC, whole milliseconds.</summary>
    public DateTimeOffset Timestamp { get; }

    /// <summary>Null when <paramref name="subject"/> is a valid subject, otherwise why not (one sentence, names the rule).</summary>
    public static string? SubjectProblem(string? subject)
    {
        if (string.IsNullOrEmpty(subject))
        {
            return "subject must not be empty.";
        }

        foreach (var c in subject)
        {
            if (char.IsControl(c))
            {
                return $"subject must not contain control characters (found U+{(int)c:X4}).";
            }
        }

        int bytes;
        try
        {
            bytes = StrictUtf8.GetByteCount(subject);
        }
        catch (EncoderFallbackException)
        {
            return "subject is not valid Unicode (a lone surrogate).";
        }

        return bytes > MaxSubjectBytes
            ? string.Create(CultureInfo.InvariantCulture, $"subject is {bytes} UTF-8 bytes; at most {MaxSubjectBytes}.")
            : null;
    }

    /// <summary>Null when <paramref name="sha256"/> is 64 hex digits, otherwise why not.</summary>
    public static string? DigestProblem(string? sha256)
    {
        if (sha256 is not { Length: DigestSize * 2 })
        {
            return "sha256 must be 64 hex digits (a SHA-256 digest).";
        }

        foreach (var c in sha256)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return "sha256 must be 64 hex digits (a SHA-256 digest).";
            }
        }

        return null;
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Kind.ToWireName()} {Subject} sha256:{Sha256} at {Timestamp:O}");
}
