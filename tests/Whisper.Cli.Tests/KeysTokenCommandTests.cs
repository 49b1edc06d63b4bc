using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

using Whisper.Server.Auth;

namespace Whisper.Cli.Tests;

public sealed class KeysTokenCommandTests
{
    [Fact]
    public async Task KeysToken_CreatesTheKeyPair_AndPrintsATokenItsPublicKeyVerifies()
    {
        using var temp = new TempFolder();
        var signing = temp.File("region/jwt.pem");

        var run = await CliRun.RunAsync("keys", "token", "--subject", "alice", "--roles", "auditor,viewer", "--ttl", "2h", "--signing-key", signing);

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Contains("--jwt-key " + JwtKeyFiles.PublicKeyPath(signing), run.Error, StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(signing));
        }

        var result = await new JsonWebTokenHandler().ValidateTokenAsync(run.Out.Trim(), new TokenValidationParameters
        {
            ValidIssuer = JwtDefaults.Issuer,
            ValidAudience = JwtDefaults.Audience,
            IssuerSigningKey = JwtKeyFiles.LoadVerificationKey(JwtKeyFiles.PublicKeyPath(signing)),
        });
        Assert.True(result.IsValid, result.Exception?.Message);
        var token = (JsonWebToken)result.SecurityToken;
        Assert.Equal("alice", token.Subject);
        Assert.Equal(["viewer", "auditor"], token.Claims.Where(static c => c.Type == "roles").Select(static c => c.Value));
        Assert.Equal("ES256", token.Alg);
        Assert.Equal(TimeSpan.FromHours(2), token.ValidTo - token.IssuedAt);
    }

    [Fact]
    public async Task KeysToken_SecondRun_ReusesTheKey()
    {
        using var temp = new TempFolder();
        var signing = temp.File("jwt.pem");

        await CliRun.RunAsync("keys", "token", "--subject", "a", "--roles", "viewer", "--signing-key", signing);
        var before = await File.ReadAllTextAsync(signing);
        var second = await CliRun.RunAsync("keys", "token", "--subject", "b", "--roles", "viewer", "--signing-key", signing);

        Assert.Equal(ExitCodes.Ok, second.ExitCode);
        Assert.Equal(before, await File.ReadAllTextAsync(signing));
        Assert.DoesNotContain("Created", second.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--ttl", "25h", "--ttl")]
    [InlineData("--ttl", "soon", "--ttl")]
    [InlineData("--roles", "superuser", "superuser")]
    [InlineData("--subject", "", "subject")]
    public async Task KeysToken_BadInput_ExitsTwoAndCreatesNoKey(string option, string value, string named)
    {
        using var temp = new TempFolder();
        var signing = temp.File("jwt.pem");
        var args = new Dictionary<string, string> { ["--subject"] = "alice", ["--roles"] = "viewer", ["--ttl"] = "1h" };
        args[option] = value;

        var run = await CliRun.RunAsync([
            "keys", "token", "--signing-key", signing, .. args.SelectMany(static a => new[] { a.Key, a.Value })]);

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains(named, run.Error, StringComparison.Ordinal);
        Assert.Empty(run.Out);
        Assert.False(File.Exists(signing));
    }

    [Fact]
    public async Task KeysToken_SigningKeyIsNotAKey_ExitsTwo()
    {
        using var temp = new TempFolder();
        var signing = temp.File("jwt.pem");
        await File.WriteAllTextAsync(signing, "not a key");

        var run = await CliRun.RunAsync("keys", "token", "--subject", "alice", "--roles", "viewer", "--signing-key", signing);

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("unusable", run.Error, StringComparison.Ordinal);
    }
}
