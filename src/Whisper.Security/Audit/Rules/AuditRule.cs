namespace Whisper.Security.Audit.Rules;

/// <summary>
/// One rule of the rules file: identity and text for SARIF's <c>reportingDescriptor</c>, the level, where it applies, and
/// the settings of its <see cref="Kind"/>. The message is a template with <c>{value}</c>, <c>{name}</c>,
/// <c>{region}</c> and <c>{detail}</c>.
/// </summary>
public sealed record AuditRule(
    string Id,
    string Name,
    RuleKind Kind,
    AuditLevel Level,
    string ShortDescription,
    string FullDescription,
    string Message,
    string Help,
    IReadOnlyList<string> Tags,
    AuditLanguage Languages,
    IReadOnlyList<PathGlob> ExcludePaths,
    IReadOnlyList<RulePattern> Patterns,
    bool Redact,
    SecretSettings? Secret,
    DecodeSettings? Decode)
{
    public bool AppliesTo(AuditLanguage language) => (Languages & language) != 0;

    public bool Excludes(ReadOnlySpan<char> relativePath)
    {
        foreach (var glob in ExcludePaths)
        {
            if (glob.IsMatch(relativePath))
            {
                return true;
            }
        }

        return false;
    }
}
