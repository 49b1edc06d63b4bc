using Whisper.Fork.Keys;

namespace Whisper.Fork.Tests.Keys;

public sealed class MasterKeyFileTests
{
    // The annotated example in docs/migration-format.md ("Key files"): key 00 01 … 1f under mk-20250114-3fa94c0e.
    private const string DocumentedFile =
        "574d4b5901146d6b2d32303235303131342d3366613934633065000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"
        + "d094c9bdfa4c6f969b5085ecabee7273f55e40a60e94d24633e3ac4ae1b46c63";

    private static readonly byte[] ExampleKey = [.. Enumerable.Range(0, 32).Select(i => (byte)i)];

    [Fact]
    public void Encode_DocumentedExample_MatchesByteForByte()
    {
        var content = new byte[MasterKeyFile.Length("mk-20250114-3fa94c0e")];
        MasterKeyFile.Encode("mk-20250114-3fa94c0e", ExampleKey, content);
        Assert.Equal(DocumentedFile, Convert.ToHexStringLower(content));
    }

    [Fact]
    public void TryDecode_DocumentedExample_GivesKey()
    {
        var key = new byte[32];
        Assert.Null(MasterKeyFile.TryDecode(Convert.FromHexString(DocumentedFile), "mk-20250114-3fa94c0e", key));
        Assert.Equal(ExampleKey, key);
    }

    [Fact]
    public void TryDecode_OtherVersion_SaysSo()
    {
        var content = Convert.FromHexString(DocumentedFile);
        content[4] = 2;
        Assert.Contains("version 2", MasterKeyFile.TryDecode(content, "mk-20250114-3fa94c0e", new byte[32]), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("mk-20250114-3fa94c0e", true)]
    [InlineData("kms.key_v2-A", true)]
    [InlineData("", false)]
    [InlineData(".hidden", false)]
    [InlineData("a/b", false)]
    [InlineData("a b", false)]
    [InlineData("é", false)]
    public void IsValid_AcceptsOnlyFileNameSafeIds(string keyId, bool valid) =>
        Assert.Equal(valid, MasterKeyId.IsValid(keyId));

    [Fact]
    public void IsValid_LongerThan64_Refused()
    {
        Assert.True(MasterKeyId.IsValid(new string('a', 64)));
        Assert.False(MasterKeyId.IsValid(new string('a', 65)));
    }

    [Fact]
    public void New_HasDocumentedShape()
    {
        var id = MasterKeyId.New(new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2030, 12, 31, 23, 59, 0, TimeSpan.Zero)));
        Assert.Matches("^mk-20301231-[0-9a-f]{8}$", id);
    }
}
