namespace Whisper.Security.Audit;

/// <summary>
/// What the scanner reads a file as. A flags enum so that a rule can name the set it applies to; a file has exactly one.
/// The file-name mapping is <see cref="AuditLanguages.FromPath"/>; the wire names are <see cref="AuditLanguages.WireNames"/>.
/// </summary>
[Flags]
public enum AuditLanguage
{
    None = 0,
    CSharp = 1 << 0,
    JavaScript = 1 << 1,
    TypeScript = 1 << 2,
    Java = 1 << 3,
    Kotlin = 1 << 4,
    Go = 1 << 5,
    Python = 1 << 6,
    Json = 1 << 7,
    Yaml = 1 << 8,
    Xml = 1 << 9,

    /// <summary>A .NET assembly (.dll, .exe with CLI metadata): its user-string heap and the members its IL calls.</summary>
    Assembly = 1 << 10,

    Code = CSharp | JavaScript | TypeScript | Java | Kotlin | Go | Python,
    Config = Json | Yaml | Xml,
    All = Code | Config | Assembly,
}
