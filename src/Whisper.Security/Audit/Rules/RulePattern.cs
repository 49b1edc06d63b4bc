using System.Text.RegularExpressions;

namespace Whisper.Security.Audit.Rules;

/// <summary>
/// One way a <see cref="RuleKind.Pattern"/> or <see cref="RuleKind.EndpointCall"/> rule is recognised in some languages.
/// Source text: a keyword (matched ignoring case) finds a place, then <see cref="Regex"/> must match around it. For
/// endpoint calls <see cref="Regex"/> is the call prefix that must end right before the endpoint argument. Assemblies:
/// a called member whose full name is in <see cref="Members"/>.
/// </summary>
public sealed record RulePattern(
    AuditLanguage Languages,
    IReadOnlyList<string> Keywords,
    Regex? Regex,
    PatternScope Scope,
    Regex? IgnoreMatches,
    IReadOnlyList<string> Members,
    bool AlwaysTrueDelegate);
