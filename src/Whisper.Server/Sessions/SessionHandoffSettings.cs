namespace Whisper.Server.Sessions;

/// <summary>
/// Serves the session handoff endpoints (docs/server-api.md, "Session handoff") for the cutover gateway: the server then
/// keeps every user's live session from what it ingests, and exports and imports it at <c>/internal/v1/sessions</c>.
/// </summary>
public sealed record SessionHandoffSettings
{
    /// <summary>The handoff endpoints refuse shorter tokens: a guessable token would open every live session.</summary>
    public const int MinTokenChars = 16;

    /// <summary>This server's region code (lower case, e.g. <c>us</c>), written into exported session documents.</summary>
    public required string Region { get; init; }

    /// <summary>File holding the token shared with the gateway (alone, trimmed; mode 0600). Never on the command line.</summary>
    public required string TokenPath { get; init; }

    /// <summary>The token, trimmed of the trailing newline editors add.</summary>
    internal string ReadToken() => File.ReadAllText(TokenPath).Trim();

    internal void AddFailures(List<string> failures)
    {
        if (string.IsNullOrEmpty(Region) || Region.Length > 32 || !char.IsAsciiLetterLower(Region[0]) || !Region.All(static c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
        {
            failures.Add($"SessionHandoff.Region '{Region}' is not a region code; give lower-case letters, digits and '-', starting with a letter (e.g. us).");
        }

        if (string.IsNullOrWhiteSpace(TokenPath) || !File.Exists(TokenPath))
        {
            failures.Add($"SessionHandoff.TokenPath '{TokenPath}' does not exist; write the token shared with the cutover gateway alone into that file (mode 0600).");
        }
        else if (ReadToken().Length < MinTokenChars)
        {
            failures.Add($"SessionHandoff.TokenPath '{TokenPath}' holds fewer than {MinTokenChars} characters; write a longer random token (e.g. openssl rand -hex 32).");
        }
    }
}
