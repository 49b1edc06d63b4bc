namespace Whisper.Security.Audit.Rules;

/// <summary>Where a pattern match may start (the rules file's <c>scope</c>).</summary>
public enum PatternScope
{
    /// <summary>(<c>code</c>) outside comments and, in programming languages, outside string literals; in JSON/YAML/XML outside comments.</summary>
    Code,

    /// <summary>(<c>literal</c>) inside a string literal (or a config value).</summary>
    Literal,

    /// <summary>(<c>any</c>) anywhere, comments included: a private key pasted into a comment is still a leaked key.</summary>
    Any,
}
