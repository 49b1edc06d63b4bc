using Whisper.Security.Audit.Allowlist;
using Whisper.Security.Audit.Detectors;
using Whisper.Security.Audit.Rules;

namespace Whisper.Security.Audit.Scanning;

/// <summary>Rules and allowlist compiled once per scan and shared, read-only, by every scanning thread.</summary>
internal sealed class ScanPlan
{
    /// <summary>Rule masks are 64-bit; a rules file has a few dozen rules at most.</summary>
    public const int MaxRules = 64;

    private readonly Dictionary<AuditLanguage, LanguagePlan> languages = [];

    public ScanPlan(AuditRules rules, RegionAllowlist allowlist)
    {
        if (rules.Rules.Count > MaxRules)
        {
            throw new AuditInputException($"{rules.Source}: {rules.Rules.Count} rules are enabled; at most {MaxRules} are supported, disable or merge some");
        }

        Rules = rules;
        Allowlist = allowlist;
        Endpoints = new EndpointDetector(rules.Endpoints, allowlist);
        for (var bit = AuditLanguage.CSharp; bit <= AuditLanguage.Assembly; bit = (AuditLanguage)((int)bit << 1))
        {
            languages[bit] = new LanguagePlan(bit, rules.Rules);
        }
    }

    public AuditRules Rules { get; }

    public RegionAllowlist Allowlist { get; }

    public EndpointDetector Endpoints { get; }

    public LanguagePlan For(AuditLanguage language) => languages[language];

    /// <summary>The rules that apply to a file: its language's rules less those whose <c>excludePaths</c> match it.</summary>
    public ulong ActiveRules(AuditLanguage language, string relativePath)
    {
        var mask = languages[language].Mask;
        for (var index = 0; index < Rules.Rules.Count; index++)
        {
            if ((mask & (1UL << index)) != 0 && Rules.Rules[index].Excludes(relativePath))
            {
                mask &= ~(1UL << index);
            }
        }

        return mask;
    }
}
