using System.CommandLine;
using System.Globalization;

using Whisper.Cli.Console;
using Whisper.Server.Auth;

namespace Whisper.Cli.Commands;

/// <summary>
/// <c>whisper keys token</c>: prints an ES256 JWT for a subject and roles, signed by the region's key file (created 0600,
/// with its public key beside it for the server's <c>--jwt-key</c>, when it does not exist yet).
/// </summary>
public static class KeysTokenCommand
{
    public const string DefaultSigningKeyPath = ".whisper/jwt-signing.pem";

    public static Command Create(CliConsole console)
    {
        var subject = new Option<string>("--subject") { Description = "Who the token is for (the sub claim), e.g. alice or ci-deploy.", Required = true };
        var roles = new Option<string[]>("--roles", "--role")
        {
            Description = $"Role(s): {ApiKeyRoleNames.List}. Comma-separate or repeat.",
            Required = true,
            AllowMultipleArgumentsPerToken = true,
        };
        var ttl = new Option<string>("--ttl") { Description = $"Lifetime: 90s, 30m, 8h… at most {JwtDefaults.MaxLifetime.TotalHours:0}h.", DefaultValueFactory = _ => "1h" };
        var signingKey = new Option<string>("--signing-key")
        {
            Description = "ES256 signing key, PKCS#8 PEM (created 0600 if absent; its public key is written beside as <name>.pub.pem).",
            DefaultValueFactory = _ => DefaultSigningKeyPath,
        };
        var issuer = new Option<string>("--issuer") { Description = "The iss claim; the server must expect the same.", DefaultValueFactory = _ => JwtDefaults.Issuer };
        var audience = new Option<string>("--audience") { Description = "The aud claim; the server must expect the same.", DefaultValueFactory = _ => JwtDefaults.Audience };

        var command = new Command("token", "Print a signed JWT (ES256) for the server's bearer authentication.") { subject, roles, ttl, signingKey, issuer, audience };
        command.SetAction(parse =>
        {
            var lifetime = ParseTtl(parse.GetValue(ttl)!);
            if (lifetime > JwtDefaults.MaxLifetime)
            {
                throw new UsageException($"--ttl {parse.GetValue(ttl)} is over the {JwtDefaults.MaxLifetime.TotalHours:0}h maximum the server accepts; issue a shorter token.");
            }

            var request = new JwtTokenRequest(parse.GetValue(subject)!, KeysCreateCommand.ParseRoles(parse.GetValue(roles)!, "--roles"), lifetime)
            {
                Issuer = parse.GetValue(issuer)!,
                Audience = parse.GetValue(audience)!,
            };
            if (request.Problem() is { } problem)
            {
                throw new UsageException($"cannot issue this token: {problem}");
            }

            var keyPath = parse.GetValue(signingKey)!;
            Microsoft.IdentityModel.Tokens.ECDsaSecurityKey key;
            bool created;
            try
            {
                key = JwtKeyFiles.OpenOrCreateSigningKey(keyPath, out created);
            }
            catch (InvalidDataException e)
            {
                throw new UsageException(e.Message);
            }

            if (created)
            {
                console.Error.WriteLine($"Created signing key {keyPath} (0600); give the server its public key: --jwt-key {JwtKeyFiles.PublicKeyPath(keyPath)}");
            }
            else if (JwtKeyFiles.IsTooOpen(keyPath))
            {
                console.Error.WriteLine($"warning: {keyPath} is readable or writable by group or others; run chmod 600 on it.");
            }

            console.Out.WriteLine(JwtTokenIssuer.Issue(key, request, DateTimeOffset.UtcNow));
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>"90s", "30m", "8h", "1d" or a TimeSpan ("01:30:00"); anything else is a usage error.</summary>
    public static TimeSpan ParseTtl(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        if (trimmed.Length > 1 && double.TryParse(trimmed[..^1], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount) && amount > 0)
        {
            TimeSpan? parsed = char.ToLowerInvariant(trimmed[^1]) switch
            {
                's' => TimeSpan.FromSeconds(amount),
                'm' => TimeSpan.FromMinutes(amount),
                'h' => TimeSpan.FromHours(amount),
                'd' => TimeSpan.FromDays(amount),
                _ => null,
            };
            if (parsed is { } value)
            {
                return value;
            }
        }

        return TimeSpan.TryParse(trimmed, CultureInfo.InvariantCulture, out var span) && span > TimeSpan.Zero
            ? span
            : throw new UsageException($"--ttl '{text}' is not a duration; use e.g. 90s, 30m or 8h (at most {JwtDefaults.MaxLifetime.TotalHours:0}h).");
    }
}
