using System.Security.Cryptography;

using Whisper.Core.Integrity;
using Whisper.Security.Transparency;

namespace Whisper.Security.Tests.Transparency;

/// <summary>docs/security/transparency-log.md, "Annotated example", byte for byte.</summary>
public sealed class DocumentedExampleTests
{
    private static readonly DateTimeOffset At = DateTimeOffset.FromUnixTimeMilliseconds(1_767_225_600_000);

    [Fact]
    public async Task TwoEntries_FilesHashesRootAndSignedBytes_AreAsDocumented()
    {
        using var folder = new LogFolder();
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(At.AddSeconds(2));
        var release = new LogEntry(LogEntryKind.Release, "whisper 1.4.2", SHA256.HashData("test"u8), At);
        var step = new LogEntry(LogEntryKind.CutoverStep, "fork 0196: step freeze", SHA256.HashData("manifest"u8), At.AddSeconds(1));

        SignedTreeHead head;
        using (var log = TransparencyLog.Open(folder.Path, time: clock))
        {
            await log.AppendAsync(release);
            head = (await log.AppendAsync(step)).Head;
            Assert.Equal([Hex(LeafHash1)], log.InclusionProof(0, 2));
            Assert.Equal([Hex(LeafHash1)], log.ConsistencyProof(1, 2));
        }

        Assert.Equal(LeafHash0, Convert.ToHexStringLower(MerkleTree.LeafHash(release.ToLeafBytes())));
        Assert.Equal(LeafHash1, Convert.ToHexStringLower(MerkleTree.LeafHash(step.ToLeafBytes())));
        Assert.Equal(Root, Convert.ToHexStringLower(head.RootHash));
        Assert.Equal(At.AddSeconds(2), head.Timestamp);

        var leaves = File.ReadAllBytes(folder.LeavesPath);
        Assert.Equal(203, leaves.Length);
        Assert.Equal("57544c4c01000000" + "00000039" + Convert.ToHexStringLower(release.ToLeafBytes()) + LeafHash0,
            Convert.ToHexStringLower(leaves.AsSpan(0, 101)));
        Assert.Equal("00000042", Convert.ToHexStringLower(leaves.AsSpan(101, 4)));

        Assert.Equal("57544c4801000000" + LeafHash0 + "0000000000000008" + LeafHash1 + "0000000000000065",
            Convert.ToHexStringLower(File.ReadAllBytes(folder.HashesPath)));

        var signed = new byte[SignedTreeHead.SignedBytesLength];
        SignedTreeHead.WriteSignedBytes(head.TreeSize, head.RootHash, head.Timestamp, signed);
        Assert.Equal("00010000019b76daafd00000000000000002" + Root, Convert.ToHexStringLower(signed));
    }

    private const string LeafHash0 = "646e43964db2ef5211d6cb788cb78dd5b1f6848a7eccc378a6c2d2c15d0b24a0";
    private const string LeafHash1 = "a683e1c40941a2543a452984b73d00b2a18781ebf306b7edfb23ab3df8963ddb";
    private const string Root = "ad5e33886ca3b0b3c396dffe94217ee4a4f776e3fd520c9e1f17ad626b173489";

    private static byte[] Hex(string hex) => Convert.FromHexString(hex);
}
