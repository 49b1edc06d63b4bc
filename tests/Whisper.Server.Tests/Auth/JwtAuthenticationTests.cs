using System.Net;
using System.Security.Cryptography;

using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

using Whisper.Server.Auth;
using Whisper.Server.Tests.Infrastructure;

namespace Whisper.Server.Tests.Auth;

public sealed class JwtAuthenticationTests : IAsyncLifetime
{
    private SecuredServerHost _host = null!;

    public async Task InitializeAsync() => _host = await SecuredServerHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task ValidToken_RoleAllows_200()
    {
        using var response = await _host.SendAsync(HttpMethod.Get, "/v1/videos?limit=2", _host.Token("viewer"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task ExpiredToken_401InvalidToken()
    {
        var token = _host.Token("viewer", issuedAt: DateTimeOffset.UtcNow.AddHours(-2), lifetime: TimeSpan.FromHours(1));

        var problem = await RefusedAsync(token, HttpStatusCode.Unauthorized);

        Assert.Equal(JwtDefaults.InvalidTokenCode, problem.Code());
        Assert.Contains("expired", problem.Detail(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WrongIssuer_401()
    {
        var problem = await RefusedAsync(_host.Token("viewer", issuer: "someone-else"), HttpStatusCode.Unauthorized);

        Assert.Contains("issuer", problem.Detail(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WrongAudience_401()
    {
        var problem = await RefusedAsync(_host.Token("viewer", audience: "another-api"), HttpStatusCode.Unauthorized);

        Assert.Contains("audience", problem.Detail(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignedByAnotherKey_401()
    {
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var key = new ECDsaSecurityKey(other) { KeyId = _host.SigningKey.KeyId }; // same kid, different key
        var token = JwtTokenIssuer.Issue(key, new JwtTokenRequest("mallory", ApiKeyRoles.Admin, TimeSpan.FromHours(1)), DateTimeOffset.UtcNow);

        var problem = await RefusedAsync(token, HttpStatusCode.Unauthorized);

        Assert.Contains("signature", problem.Detail(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PayloadEditedToAddARole_401()
    {
        var parts = _host.Token("viewer").Split('.');
        var payload = Base64UrlEncoder.Decode(parts[1]).Replace("\"viewer\"", "\"admin\"", StringComparison.Ordinal);
        var forged = $"{parts[0]}.{Base64UrlEncoder.Encode(payload)}.{parts[2]}";

        await RefusedAsync(forged, HttpStatusCode.Unauthorized, "/v1/users/1");
    }

    [Fact]
    public async Task UnsignedAlgNone_401()
    {
        var token = new JsonWebTokenHandler().CreateToken(Descriptor(roles: ["admin"], DateTime.UtcNow, TimeSpan.FromHours(1), signing: null));

        await RefusedAsync(token, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task LifetimeOverTheMaximum_401EvenThoughCurrent()
    {
        var token = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(
            Descriptor(roles: ["viewer"], DateTime.UtcNow.AddMinutes(-1), TimeSpan.FromDays(30), new SigningCredentials(_host.SigningKey, SecurityAlgorithms.EcdsaSha256)));

        var problem = await RefusedAsync(token, HttpStatusCode.Unauthorized);

        Assert.Contains("lifetime", problem.Detail(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RoleMissing_403Forbidden()
    {
        var problem = await RefusedAsync(_host.Token("ingest"), HttpStatusCode.Forbidden);

        Assert.Equal("forbidden", problem.Code());
    }

    [Fact]
    public async Task NoRolesClaimAtAll_403()
    {
        var token = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(
            Descriptor(roles: null, DateTime.UtcNow, TimeSpan.FromHours(1), new SigningCredentials(_host.SigningKey, SecurityAlgorithms.EcdsaSha256)));

        await RefusedAsync(token, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task UnknownRoleName_GrantsNothing_403()
    {
        var token = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(
            Descriptor(roles: ["superuser"], DateTime.UtcNow, TimeSpan.FromHours(1), new SigningCredentials(_host.SigningKey, SecurityAlgorithms.EcdsaSha256)));

        await RefusedAsync(token, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task ServerWithoutJwt_RefusesATokenAsAnInvalidApiKey()
    {
        await using var plain = await ServerHost.StartAsync();

        using var response = await plain.SendAsync(HttpMethod.Get, "/v1/videos", _host.Token("admin"));

        Assert.Equal("invalid_api_key", (await Problem.AssertAsync(response, HttpStatusCode.Unauthorized)).Code());
    }

    [Fact]
    public void Issue_LifetimeOverTheMaximum_Refused()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            JwtTokenIssuer.Issue(_host.SigningKey, new JwtTokenRequest("alice", ApiKeyRoles.Viewer, TimeSpan.FromHours(25)), DateTimeOffset.UtcNow));

        Assert.Contains("24 hours", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SigningKeyFile_IsOwnerOnly_AndItsPublicKeyVerifies()
    {
        var path = Path.Combine(_host.Directory, "another.pem");

        var key = JwtKeyFiles.OpenOrCreateSigningKey(path, out var created);
        var again = JwtKeyFiles.OpenOrCreateSigningKey(path, out var createdAgain);
        var verification = JwtKeyFiles.LoadVerificationKey(JwtKeyFiles.PublicKeyPath(path));

        Assert.True(created);
        Assert.False(createdAgain);
        Assert.Equal(key.KeyId, again.KeyId);
        Assert.Equal(key.KeyId, verification.KeyId);
        Assert.False(verification.ECDsa.ExportParameters(false).D is { Length: > 0 });
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }

        Assert.DoesNotContain("PRIVATE", File.ReadAllText(JwtKeyFiles.PublicKeyPath(path)), StringComparison.Ordinal);
    }

    [Fact]
    public void LoadVerificationKey_NotAKey_InvalidData()
    {
        var path = Path.Combine(_host.Directory, "garbage.pem");
        File.WriteAllText(path, "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n");

        Assert.Throws<InvalidDataException>(() => JwtKeyFiles.LoadVerificationKey(path));
    }

    private async Task<System.Text.Json.JsonElement> RefusedAsync(string token, HttpStatusCode status, string path = "/v1/videos")
    {
        using var response = await _host.SendAsync(HttpMethod.Get, path, token);
        var problem = await Problem.AssertAsync(response, status);
        if (status == HttpStatusCode.Unauthorized)
        {
            Assert.Contains("invalid_token", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        }

        return problem;
    }

    private static SecurityTokenDescriptor Descriptor(string[]? roles, DateTime issuedAt, TimeSpan lifetime, SigningCredentials? signing)
    {
        var claims = new Dictionary<string, object> { ["sub"] = "alice" };
        if (roles is not null)
        {
            claims["roles"] = roles;
        }

        return new SecurityTokenDescriptor
        {
            Issuer = JwtDefaults.Issuer,
            Audience = JwtDefaults.Audience,
            IssuedAt = issuedAt,
            NotBefore = issuedAt,
            Expires = issuedAt + lifetime,
            Claims = claims,
            SigningCredentials = signing,
        };
    }
}
