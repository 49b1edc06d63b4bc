namespace Whisper.Security.Audit.Rules;

/// <summary>Reading and validating the rules file; every problem is collected and reported in one exception.</summary>
public sealed partial class AuditRules
{
    /// <exception cref="AuditInputException">The file cannot be read, is not JSON, or breaks a rule (all listed).</exception>
    public static AuditRules Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var document = JsonInput.Load(path, "rules file");
        return new Reader(new JsonInput(path)).Read(document.RootElement);
    }

    /// <exception cref="AuditInputException">Not JSON, or a rule is broken (all listed).</exception>
    public static AuditRules Parse(string json, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentException.ThrowIfNullOrEmpty(sourceName);
        using var document = JsonInput.Parse(json, sourceName);
        return new Reader(new JsonInput(sourceName)).Read(document.RootElement);
    }
}
