using System.Buffers.Binary;

using Whisper.World.Generation;

namespace Whisper.World.Tests.Generation;

public sealed class GroundTruthTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "whisper-gt-tests", Guid.NewGuid().ToString("N"));
    private readonly GroundTruth _truth = new WorldGenerator(new WorldOptions { Users = 200, Videos = 300, Days = 5, Seed = 3 }).Truth;

    public GroundTruthTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void SaveLoad_Roundtrip_SameModelAndBytes()
    {
        var path = Path.Combine(_dir, "truth.wgt");
        _truth.Save(path);

        var loaded = GroundTruth.Load(path);

        Assert.Equal(_truth.Options, loaded.Options);
        Assert.Equal(_truth.ToBytes(), loaded.ToBytes());
        Assert.Equal(_truth.Affinity(17, 42), loaded.Affinity(17, 42));
        Assert.Equal(_truth.CreatorPopularity(3), loaded.CreatorPopularity(3));
        Assert.Equal(_truth.Trends, loaded.Trends);
        Assert.True(loaded.UserTaste(1).SequenceEqual(_truth.UserTaste(1)));
        Assert.False(File.Exists(path + ".tmp"));
    }

    [Fact]
    public void FromBytes_WrongMagic_Throws()
    {
        var bytes = _truth.ToBytes();
        bytes[0] = (byte)'X';

        var error = Assert.Throws<GroundTruthFormatException>(() => GroundTruth.FromBytes(bytes, "t.wgt"));
        Assert.Contains("not a Whisper ground-truth file", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, error.Offset);
    }

    [Fact]
    public void FromBytes_UnknownVersion_ThrowsNamingVersion()
    {
        var bytes = _truth.ToBytes();
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(8), 2);

        var error = Assert.Throws<GroundTruthFormatException>(() => GroundTruth.FromBytes(bytes, "t.wgt"));
        Assert.Contains("format version 2 is not supported", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(14)]
    [InlineData(100)]
    [InlineData(5_000)]
    public void FromBytes_Truncated_Throws(int keep)
    {
        var bytes = _truth.ToBytes().AsSpan(0, keep).ToArray();

        var error = Assert.Throws<GroundTruthFormatException>(() => GroundTruth.FromBytes(bytes, "t.wgt"));
        Assert.Matches("truncated|not a Whisper", error.Message);
    }

    [Fact]
    public void FromBytes_FlippedBit_ChecksumMismatch()
    {
        var bytes = _truth.ToBytes();
        bytes[bytes.Length / 2] ^= 0x10;

        var error = Assert.Throws<GroundTruthFormatException>(() => GroundTruth.FromBytes(bytes, "t.wgt"));
        Assert.Contains("checksum mismatch", error.Message, StringComparison.Ordinal);
    }
}
