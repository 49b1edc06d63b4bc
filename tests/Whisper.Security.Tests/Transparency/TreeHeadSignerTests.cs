using Whisper.Core.Integrity;
using Whisper.Security.Transparency;

namespace Whisper.Security.Tests.Transparency;

public sealed class TreeHeadSignerTests
{
    private static readonly byte[] Root = MerkleTree.LeafHash("root"u8);

    [Fact]
    public void Sign_Head_VerifiesWithThePublicKey()
    {
        using var signer = TreeHeadSigner.CreateEphemeral();

        var head = signer.Sign(42, Root, LogFolder.T0.AddTicks(1234));

        Assert.True(head.Verify(signer.PublicKey));
        Assert.Equal(LogFolder.T0, head.Timestamp); // truncated to milliseconds: what is signed
        Assert.Equal(64, head.Signature.Length);
        Assert.Equal(SignedTreeHead.KeyIdOf(signer.PublicKey), head.KeyId);
    }

    [Fact]
    public void Verify_AnyFieldTampered_IsRefused()
    {
        using var signer = TreeHeadSigner.CreateEphemeral();
        using var other = TreeHeadSigner.CreateEphemeral();
        var head = signer.Sign(42, Root, LogFolder.T0);

        Assert.False((head with { TreeSize = 43 }).Verify(signer.PublicKey));
        Assert.False((head with { TreeSize = -1 }).Verify(signer.PublicKey));
        Assert.False((head with { Timestamp = head.Timestamp.AddMilliseconds(1) }).Verify(signer.PublicKey));
        Assert.False((head with { KeyId = other.KeyId }).Verify(signer.PublicKey));
        Assert.False((head with { RootHash = new byte[31] }).Verify(signer.PublicKey));
        Assert.False(head.Verify(other.PublicKey));
        Assert.False(head.Verify([1, 2, 3]));
        Assert.False(other.Sign(42, Root, LogFolder.T0).Verify(signer.PublicKey));
        for (var bit = 0; bit < 256; bit++)
        {
            var root = (byte[])Root.Clone();
            root[bit / 8] ^= (byte)(1 << (bit % 8));
            Assert.False((head with { RootHash = root }).Verify(signer.PublicKey), $"root bit {bit}");
        }

        for (var bit = 0; bit < 512; bit++)
        {
            var signature = (byte[])head.Signature.Clone();
            signature[bit / 8] ^= (byte)(1 << (bit % 8));
            Assert.False((head with { Signature = signature }).Verify(signer.PublicKey), $"signature bit {bit}");
        }
    }

    [Fact]
    public void WriteSignedBytes_IsRfc6962TreeHeadSignature()
    {
        var bytes = new byte[SignedTreeHead.SignedBytesLength];

        SignedTreeHead.WriteSignedBytes(0x0102, Root, DateTimeOffset.FromUnixTimeMilliseconds(0x0A0B0C), bytes);

        Assert.Equal("0001" + "00000000000a0b0c" + "0000000000000102" + Convert.ToHexStringLower(Root), Convert.ToHexStringLower(bytes));
    }

    [Fact]
    public void OpenOrCreate_NoFile_CreatesAnOwnerOnlyKeyAndReloadsTheSameKey()
    {
        using var folder = new LogFolder();
        var path = folder.File("keys/head.pkcs8");

        string keyId;
        using (var created = TreeHeadSigner.OpenOrCreate(path))
        {
            Assert.True(created.CreatedKey);
            keyId = created.KeyId;
        }

        using var loaded = TreeHeadSigner.OpenOrCreate(path);

        Assert.False(loaded.CreatedKey);
        Assert.Equal(keyId, loaded.KeyId);
        Assert.Equal(loaded.PublicKey, File.ReadAllBytes(TreeHeadSigner.PublicKeyPath(path)));
        Assert.DoesNotContain(keyId, loaded.ToString().Replace(loaded.KeyId, "", StringComparison.Ordinal), StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
            Assert.False(TreeHeadSigner.IsKeyFileTooOpen(path));
            File.SetUnixFileMode(path, File.GetUnixFileMode(path) | UnixFileMode.OtherRead);
            Assert.True(TreeHeadSigner.IsKeyFileTooOpen(path));
        }
    }

    [Theory]
    [InlineData(new byte[] { 1, 2, 3 })]
    [InlineData(new byte[0])]
    public void OpenOrCreate_DamagedKeyFile_IsRefusedWithoutReplacingIt(byte[] content)
    {
        using var folder = new LogFolder();
        var path = folder.File("head.pkcs8");
        File.WriteAllBytes(path, content);

        var e = Assert.Throws<InvalidDataException>(() => TreeHeadSigner.OpenOrCreate(path));

        Assert.Contains(path, e.Message, StringComparison.Ordinal);
        Assert.Equal(content, File.ReadAllBytes(path));
    }

    [Fact]
    public void OpenOrCreate_KeyOnAnotherCurve_IsRefused()
    {
        using var folder = new LogFolder();
        var path = folder.File("head.pkcs8");
        using (var p384 = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP384))
        {
            File.WriteAllBytes(path, p384.ExportPkcs8PrivateKey());
        }

        Assert.Contains("P-256", Assert.Throws<InvalidDataException>(() => TreeHeadSigner.OpenOrCreate(path)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Log_HeadsAcrossReopen_AreSignedByTheSameKeyFile()
    {
        using var folder = new LogFolder();
        byte[] publicKey;
        using (var log = folder.Open())
        {
            await log.AppendAsync(LogFolder.Entry(1));
            publicKey = log.PublicKey;
        }

        using var reopened = folder.Open();

        Assert.Equal(publicKey, reopened.PublicKey);
        Assert.True(reopened.Head.Verify(publicKey));
    }
}
