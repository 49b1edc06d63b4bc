using System.Buffers;

using Whisper.Security.Audit.Rules;

namespace Whisper.Security.Audit.Scanning;

/// <summary>
/// The rules that apply to one language, arranged for scanning: the rule indices of each detector kind, the call
/// prefixes, and one multi-string keyword search (vectorised, ignoring case) that finds every place a pattern can match.
/// </summary>
internal sealed class LanguagePlan
{
    public LanguagePlan(AuditLanguage language, IReadOnlyList<AuditRule> rules)
    {
        Language = language;
        var byKeyword = new Dictionary<string, List<(int, RulePattern)>>(StringComparer.OrdinalIgnoreCase);
        for (var index = 0; index < rules.Count; index++)
        {
            var rule = rules[index];
            if (!rule.AppliesTo(language))
            {
                continue;
            }

            Mask |= 1UL << index;
            switch (rule.Kind)
            {
                case RuleKind.Endpoint:
                    EndpointRules.Add(index);
                    break;
                case RuleKind.ObfuscatedEndpoint:
                    ObfuscatedRules.Add(index);
                    break;
                case RuleKind.SecretAssignment:
                    SecretRules.Add(index);
                    break;
                case RuleKind.EndpointCall:
                    foreach (var pattern in rule.Patterns)
                    {
                        if ((pattern.Languages & language) != 0)
                        {
                            Calls.Add((index, pattern));
                        }
                    }

                    break;
                case RuleKind.Pattern:
                    foreach (var pattern in rule.Patterns)
                    {
                        if ((pattern.Languages & language) == 0)
                        {
                            continue;
                        }

                        if (language == AuditLanguage.Assembly)
                        {
                            AssemblyPatterns.Add((index, pattern));
                            continue;
                        }

                        foreach (var keyword in pattern.Keywords)
                        {
                            if (!byKeyword.TryGetValue(keyword, out var list))
                            {
                                byKeyword[keyword] = list = [];
                            }

                            list.Add((index, pattern));
                        }
                    }

                    break;
            }
        }

        KeywordPatterns = byKeyword.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.OrdinalIgnoreCase);
        Keywords = [.. byKeyword.Keys];
        KeywordSearch = Keywords.Length == 0 ? null : SearchValues.Create(Keywords, StringComparison.OrdinalIgnoreCase);
    }

    public AuditLanguage Language { get; }

    /// <summary>Bit i set: rule i applies to this language (before path exclusions).</summary>
    public ulong Mask { get; }

    public List<int> EndpointRules { get; } = [];

    public List<int> ObfuscatedRules { get; } = [];

    public List<int> SecretRules { get; } = [];

    public List<(int Rule, RulePattern Pattern)> Calls { get; } = [];

    /// <summary>Pattern rules for assemblies: a regex over user strings, or called members.</summary>
    public List<(int Rule, RulePattern Pattern)> AssemblyPatterns { get; } = [];

    public string[] Keywords { get; }

    public SearchValues<string>? KeywordSearch { get; }

    public Dictionary<string, (int Rule, RulePattern Pattern)[]> KeywordPatterns { get; }

    public bool HasEndpointRules => EndpointRules.Count > 0 || ObfuscatedRules.Count > 0 || Calls.Count > 0;
}
