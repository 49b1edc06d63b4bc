namespace Whisper.Security.Audit;

/// <summary>Names and file extensions of <see cref="AuditLanguage"/>; documented in docs/security/audit-rules.md.</summary>
public static class AuditLanguages
{
    /// <summary>The names used in the rules file, in <see cref="AuditLanguage"/> bit order.</summary>
    public static IReadOnlyList<(string Name, AuditLanguage Language)> WireNames { get; } =
    [
        ("csharp", AuditLanguage.CSharp),
        ("javascript", AuditLanguage.JavaScript),
        ("typescript", AuditLanguage.TypeScript),
        ("java", AuditLanguage.Java),
        ("kotlin", AuditLanguage.Kotlin),
        ("go", AuditLanguage.Go),
        ("python", AuditLanguage.Python),
        ("json", AuditLanguage.Json),
        ("yaml", AuditLanguage.Yaml),
        ("xml", AuditLanguage.Xml),
        ("assembly", AuditLanguage.Assembly),
        ("code", AuditLanguage.Code),
        ("config", AuditLanguage.Config),
        ("all", AuditLanguage.All),
    ];

    public static bool TryParse(string? name, out AuditLanguage language)
    {
        foreach (var (wire, value) in WireNames)
        {
            if (string.Equals(wire, name, StringComparison.Ordinal))
            {
                language = value;
                return true;
            }
        }

        language = AuditLanguage.None;
        return false;
    }

    public static string Name(AuditLanguage language)
    {
        foreach (var (wire, value) in WireNames)
        {
            if (value == language)
            {
                return wire;
            }
        }

        return language.ToString();
    }

    /// <summary>The language a file is read as, from its extension; <see cref="AuditLanguage.None"/> when it is not scanned.</summary>
    public static AuditLanguage FromPath(ReadOnlySpan<char> path)
    {
        var dot = path.LastIndexOf('.');
        if (dot < 0 || dot < path.LastIndexOfAny('/', '\\'))
        {
            return AuditLanguage.None;
        }

        Span<char> lower = stackalloc char[8];
        var extension = path[(dot + 1)..];
        if (extension.Length > lower.Length)
        {
            return AuditLanguage.None;
        }

        extension.ToLowerInvariant(lower);
        return lower[..extension.Length] switch
        {
            "cs" or "csx" => AuditLanguage.CSharp,
            "js" or "mjs" or "cjs" or "jsx" => AuditLanguage.JavaScript,
            "ts" or "mts" or "cts" or "tsx" => AuditLanguage.TypeScript,
            "java" => AuditLanguage.Java,
            "kt" or "kts" => AuditLanguage.Kotlin,
            "go" => AuditLanguage.Go,
            "py" or "pyw" => AuditLanguage.Python,
            "json" => AuditLanguage.Json,
            "yml" or "yaml" => AuditLanguage.Yaml,
            "xml" or "config" or "csproj" or "props" or "targets" or "resx" or "plist" => AuditLanguage.Xml,
            "dll" or "exe" => AuditLanguage.Assembly,
            _ => AuditLanguage.None,
        };
    }
}
