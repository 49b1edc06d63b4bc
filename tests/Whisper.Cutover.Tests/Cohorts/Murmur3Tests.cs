using System.Text;

using Whisper.Cutover.Cohorts;

namespace Whisper.Cutover.Tests.Cohorts;

public class Murmur3Tests
{
    // Published MurmurHash3_x86_32 vectors (SMHasher; the table reproduced on Wikipedia and in most ports).
    [Theory]
    [InlineData("", 0u, 0u)]
    [InlineData("", 1u, 0x514E28B7u)]
    [InlineData("", 0xFFFFFFFFu, 0x81F16F39u)]
    [InlineData("a", 0x9747B28Cu, 0x7FA09EA6u)]
    [InlineData("aa", 0x9747B28Cu, 0x5D211726u)]
    [InlineData("aaa", 0x9747B28Cu, 0x283E0130u)]
    [InlineData("aaaa", 0x9747B28Cu, 0x5A97808Au)]
    [InlineData("abc", 0x9747B28Cu, 0xC84A62DDu)]
    [InlineData("abcd", 0x9747B28Cu, 0xF0478627u)]
    [InlineData("Hello, world!", 0x9747B28Cu, 0x24884CBAu)]
    [InlineData("The quick brown fox jumps over the lazy dog", 0x9747B28Cu, 0x2FA826CDu)]
    [InlineData("ππππππππ", 0x9747B28Cu, 0xD58063C1u)]
    public void Hash32_PublishedVector_Matches(string text, uint seed, uint expected) =>
        Assert.Equal(expected, Murmur3.Hash32(Encoding.UTF8.GetBytes(text), seed));

    [Fact]
    public void Hash32_FourZeroBytes_Matches() =>
        Assert.Equal(0x2362F9DEu, Murmur3.Hash32(new byte[4], 0));
}
