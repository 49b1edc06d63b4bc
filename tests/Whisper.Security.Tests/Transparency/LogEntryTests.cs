using Whisper.Security.Transparency;

namespace Whisper.Security.Tests.Transparency;

public sealed class LogEntryTests
{
    private const string Digest = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    [Fact]
    public void ToLeafBytes_DocumentedExample_MatchesByteForByte()
    {
        // docs/security/transparency-log.md, "Annotated example".
        var entry = new LogEntry(LogEntryKind.Release, "whisper 1.4.2", Digest, DateTimeOffset.FromUnixTimeMilliseconds(1_767_225_600_000));

        Assert.Equal(
            "01" + "01" + "0000019b76daa800" + Digest + "000d" + Convert.ToHexStringLower("whisper 1.4.2"u8),
            Convert.ToHexStringLower(entry.ToLeafBytes()));
        Assert.Equal(57, entry.LeafSize);
    }

    [Fact]
    public void TryFromLeafBytes_EveryKind_RoundTrips()
    {
        foreach (var kind in Enum.GetValues<LogEntryKind>())
        {
            var entry = new LogEntry(kind, "ünïcødé ✓ " + kind.ToWireName(), Digest.ToUpperInvariant(), LogFolder.T0.AddTicks(5));

            Assert.True(LogEntry.TryFromLeafBytes(entry.ToLeafBytes(), out var decoded, out _));
            Assert.Equal(entry, decoded);
            Assert.Equal(Digest, decoded.Sha256);
            Assert.True(LogEntryKinds.TryParse(kind.ToWireName(), out var parsed) && parsed == kind);
        }
    }

    [Theory]
    [InlineData(0, 2, "version 2")]
    [InlineData(1, 0, "kind 0")]
    [InlineData(1, 6, "kind 6")]
    [InlineData(43, 99, "subject is")]
    public void TryFromLeafBytes_ChangedByte_IsRefused(int offset, byte value, string problem)
    {
        var leaf = new LogEntry(LogEntryKind.Audit, "scan", Digest, LogFolder.T0).ToLeafBytes();
        leaf[offset] = value;

        Assert.False(LogEntry.TryFromLeafBytes(leaf, out _, out var why));
        Assert.Contains(problem, why, StringComparison.Ordinal);
    }

    [Fact]
    public void TryFromLeafBytes_TruncatedOrInvalidUtf8_IsRefused()
    {
        var leaf = new LogEntry(LogEntryKind.Model, "two-tower v7", Digest, LogFolder.T0).ToLeafBytes();

        Assert.False(LogEntry.TryFromLeafBytes(leaf.AsSpan(..^1), out _, out _));
        Assert.False(LogEntry.TryFromLeafBytes(leaf.AsSpan(..10), out _, out _));
        leaf[^1] = 0xff;
        Assert.False(LogEntry.TryFromLeafBytes(leaf, out _, out var why));
        Assert.Contains("UTF-8", why, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("line\nbreak")]
    [InlineData("tab\there")]
    public void Constructor_BadSubject_Throws(string subject) =>
        Assert.Throws<ArgumentException>(() => new LogEntry(LogEntryKind.Release, subject, Digest, LogFolder.T0));

    [Fact]
    public void Constructor_LoneSurrogate_Throws()
    {
        // Built here: a lone surrogate in [InlineData] does not survive test discovery.
        var subject = "lone " + (char)0xD800;

        Assert.Contains("Unicode", LogEntry.SubjectProblem(subject), StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new LogEntry(LogEntryKind.Release, subject, Digest, LogFolder.T0));
    }

    [Fact]
    public void Constructor_SubjectOver1024Bytes_Throws()
    {
        Assert.NotNull(new LogEntry(LogEntryKind.Release, new string('é', 512), Digest, LogFolder.T0));
        Assert.Throws<ArgumentException>(() => new LogEntry(LogEntryKind.Release, new string('é', 513), Digest, LogFolder.T0));
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a0")]
    [InlineData("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a0g")]
    public void Constructor_BadDigest_Throws(string digest) =>
        Assert.Throws<ArgumentException>(() => new LogEntry(LogEntryKind.Release, "x", digest, LogFolder.T0));

    [Fact]
    public void Constructor_UnknownKind_Throws() =>
        Assert.Throws<ArgumentException>(() => new LogEntry((LogEntryKind)9, "x", Digest, LogFolder.T0));
}
