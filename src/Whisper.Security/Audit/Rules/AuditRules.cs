namespace Whisper.Security.Audit.Rules;

/// <summary>
/// The audit rules file (<c>rules/audit-rules.json</c>, format in docs/security/audit-rules.md): which paths are never
/// read, how endpoints are recognised, and the rules. Immutable once read; safe to share between scanning threads.
/// </summary>
public sealed partial class AuditRules
{
    public const string Format = "whisper-audit-rules";

    /// <summary>The only format version this build reads.</summary>
    public const int CurrentVersion = 1;

    /// <summary>The name of the embedded copy of <c>rules/audit-rules.json</c>, used when no rules file is given.</summary>
    public const string DefaultResourceName = "audit-rules.json";

    private AuditRules(string source, string? description, IReadOnlyList<PathGlob> exclude, long maxFileBytes, EndpointSettings endpoints, IReadOnlyList<AuditRule> rules)
    {
        Source = source;
        Description = description;
        Exclude = exclude;
        MaxFileBytes = maxFileBytes;
        Endpoints = endpoints;
        Rules = rules;
    }

    /// <summary>The path or name it was read from.</summary>
    public string Source { get; }

    public string? Description { get; }

    /// <summary>Files and folders never read (matched against the path relative to the scanned root).</summary>
    public IReadOnlyList<PathGlob> Exclude { get; }

    /// <summary>Larger files are skipped with a notification (generated bundles, data dumps).</summary>
    public long MaxFileBytes { get; }

    public EndpointSettings Endpoints { get; }

    /// <summary>The enabled rules, in file order; SARIF's <c>ruleIndex</c> points into this list.</summary>
    public IReadOnlyList<AuditRule> Rules { get; }

    /// <summary>The rules shipped with Whisper (<c>rules/audit-rules.json</c>, embedded in this assembly).</summary>
    public static AuditRules Default => LazyDefault.Value;

    private static readonly Lazy<AuditRules> LazyDefault = new(() =>
    {
        using var stream = typeof(AuditRules).Assembly.GetManifestResourceStream(DefaultResourceName)
            ?? throw new InvalidOperationException($"the embedded {DefaultResourceName} is missing from {typeof(AuditRules).Assembly.GetName().Name}; check the EmbeddedResource item in Whisper.Security.csproj");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd(), "rules/audit-rules.json (built in)");
    });

    public bool IsExcluded(ReadOnlySpan<char> relativePath)
    {
        foreach (var glob in Exclude)
        {
            if (glob.IsMatch(relativePath))
            {
                return true;
            }
        }

        return false;
    }
}
