using System.Text;

using Whisper.Security.Audit.Rules;

namespace Whisper.Security.Audit.Scanning;

/// <summary>Fills a rule's message template and makes values safe to print (one line, bounded, redacted where the rule says).</summary>
internal static class FindingText
{
    private const int MaxShown = 120;

    public static string Message(AuditRule rule, string value, string name, string region, string detail) =>
        new StringBuilder(rule.Message)
            .Replace("{value}", value)
            .Replace("{name}", name.Length == 0 ? "(unnamed)" : name)
            .Replace("{region}", region)
            .Replace("{detail}", detail)
            .ToString();

    /// <summary>The value as a message shows it: control characters as spaces, at most 120 characters; a redacted one shows only its length.</summary>
    public static string Shown(ReadOnlySpan<char> value, bool redact)
    {
        if (redact)
        {
            return $"[redacted, {value.Length} characters]";
        }

        return value.Length <= MaxShown ? Clean(value) : string.Concat(Clean(value[..(MaxShown - 1)]), "…");
    }

    private static string Clean(ReadOnlySpan<char> value)
    {
        if (!value.ContainsAnyInRange('\0', '\u001f'))
        {
            return value.ToString();
        }

        return string.Create(value.Length, value.ToString(), static (span, text) =>
        {
            for (var i = 0; i < text.Length; i++)
            {
                span[i] = char.IsControl(text[i]) ? ' ' : text[i];
            }
        });
    }
}
