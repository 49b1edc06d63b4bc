using System.Security.Cryptography;

using Whisper.Core.Integrity;

namespace Whisper.Core.Tests.Integrity;

public sealed class MerkleTreeTests
{
    /// <summary>The certificate-transparency reference leaves (RFC 6962 test data).</summary>
    internal static readonly byte[][] CtLeaves =
    [
        [],
        [0x00],
        [0x10],
        [0x20, 0x21],
        [0x30, 0x31],
        [0x40, 0x41, 0x42, 0x43],
        [0x50, 0x51, 0x52, 0x53, 0x54, 0x55, 0x56, 0x57],
        Convert.FromHexString("606162636465666768696a6b6c6d6e6f"),
    ];

    /// <summary>Published roots of the first n reference leaves, n = 0..8.</summary>
    internal static readonly string[] CtRoots =
    [
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    ];

    internal static byte[][] LeafHashes(byte[][] data) => [.. data.Select(d => MerkleTree.LeafHash(d))];

    [Fact]
    public void RootFromLeafHashes_Empty_IsSha256OfEmptyString()
    {
        const string expected = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
        Assert.Equal(expected, Convert.ToHexStringLower(MerkleTree.RootFromLeafHashes([])));
        Assert.Equal(expected, Convert.ToHexStringLower(MerkleTree.EmptyRoot()));
    }

    [Fact]
    public void RootFromLeafHashes_CertificateTransparencyVectors_MatchPublishedRoots()
    {
        for (var n = 0; n <= CtLeaves.Length; n++)
        {
            var root = MerkleTree.RootFromLeafHashes(LeafHashes(CtLeaves[..n]));
            Assert.Equal(CtRoots[n], Convert.ToHexStringLower(root));
        }
    }

    [Fact]
    public void RootFromLeafHashes_Sizes0To130_MatchRecursiveDefinition()
    {
        for (var n = 0; n <= 130; n++)
        {
            var data = NaiveMerkle.Data(n);
            Assert.Equal(NaiveMerkle.Mth(data), MerkleTree.RootFromLeafHashes(LeafHashes(data)));
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(1024)]
    [InlineData(1025)]
    [InlineData(1 << 20)]
    public void LeafHash_AnySize_IsSha256OfZeroPrefixedData(int size)
    {
        var data = new byte[size];
        new Random(size).NextBytes(data);
        byte[] prefixed = [0x00, .. data];
        Assert.Equal(SHA256.HashData(prefixed), MerkleTree.LeafHash(data));
    }

    [Fact]
    public void NodeHash_IsSha256OfOnePrefixedChildren()
    {
        var left = SHA256.HashData("left"u8);
        var right = SHA256.HashData("right"u8);
        Assert.Equal(SHA256.HashData([0x01, .. left, .. right]), MerkleTree.NodeHash(left, right));
        Assert.NotEqual(MerkleTree.NodeHash(left, right), MerkleTree.NodeHash(right, left));
    }

    [Fact]
    public void NodeHash_DestinationOverlapsInput_StillCorrect()
    {
        var left = SHA256.HashData("left"u8);
        var right = SHA256.HashData("right"u8);
        var expected = MerkleTree.NodeHash(left, right);
        MerkleTree.NodeHash(left, right, left);
        Assert.Equal(expected, left);
    }

    [Fact]
    public void LeafAndNodeHash_DifferForSameBytes_SecondPreimageResistance()
    {
        // A node's 64 input bytes hashed as a leaf must not give the node hash (the 0x00 / 0x01 prefixes).
        var left = SHA256.HashData("a"u8);
        var right = SHA256.HashData("b"u8);
        Assert.NotEqual(MerkleTree.NodeHash(left, right), MerkleTree.LeafHash([.. left, .. right]));
    }

    [Fact]
    public void RootFromLeafHashes_LeafHashOfWrongLength_Throws()
    {
        var error = Assert.Throws<ArgumentException>(
            () => MerkleTree.RootFromLeafHashes([new byte[32], new byte[31]]));
        Assert.Contains("leafHashes[1]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NodeHash_ChildOfWrongLength_Throws() =>
        Assert.Throws<ArgumentException>(() => MerkleTree.NodeHash(new byte[32], new byte[33]));
}
