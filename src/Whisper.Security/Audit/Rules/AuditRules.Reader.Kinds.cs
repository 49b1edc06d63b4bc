using System.Text.Json;
using System.Text.RegularExpressions;

namespace Whisper.Security.Audit.Rules;

/// <summary>The kind-specific parts of a rule: <c>patterns</c>, <c>secret</c> and <c>decode</c>.</summary>
public sealed partial class AuditRules
{
    private sealed partial class Reader
    {
        private List<RulePattern> ReadPatterns(JsonElement element, string where, RuleKind? kind, AuditLanguage ruleLanguages)
        {
            var patterns = new List<RulePattern>();
            var wanted = kind is RuleKind.Pattern or RuleKind.EndpointCall;
            if (element.ValueKind == JsonValueKind.Undefined)
            {
                if (wanted)
                {
                    input.Problem($"\"{where}.patterns\" is missing; kind \"{KindName(kind!.Value)}\" needs at least one pattern (see docs/security/audit-rules.md)");
                }

                return patterns;
            }

            if (!wanted && kind is not null)
            {
                input.Problem($"\"{where}.patterns\" is only read for kinds \"pattern\" and \"endpoint-call\"; remove it or change \"kind\"");
                return patterns;
            }

            if (element.ValueKind != JsonValueKind.Array || element.GetArrayLength() == 0)
            {
                input.Problem($"\"{where}.patterns\" is {JsonInput.Describe(element)}; use a non-empty array of pattern objects");
                return patterns;
            }

            var index = 0;
            foreach (var item in element.EnumerateArray())
            {
                var pattern = ReadPattern(item, $"{where}.patterns[{index++}]", kind == RuleKind.EndpointCall, ruleLanguages);
                if (pattern is not null)
                {
                    patterns.Add(pattern);
                }
            }

            return patterns;
        }

        private RulePattern? ReadPattern(JsonElement element, string where, bool callPrefix, AuditLanguage ruleLanguages)
        {
            var before = input.Problems.Count;
            var fields = input.Fields(element, where, PatternFields);
            input.String(fields, where, "note", required: false, "\"what this pattern catches\"");
            var languages = ReadLanguages(fields, where, ruleLanguages);
            if ((languages & ~ruleLanguages) != 0)
            {
                input.Problem($"\"{where}.languages\" names languages the rule itself does not apply to; add them to the rule's \"languages\" or remove them here");
            }

            var keywords = input.Strings(fields, where, "keywords", "\"InsecureSkipVerify\"");
            var regexText = input.String(fields, where, "regex", required: false, "\"\\\\bInsecureSkipVerify\\\\s*:\\\\s*true\\\\b\"");
            var regex = callPrefix
                ? Pattern(regexText is null ? null : $"(?:{regexText})\\z", $"{where}.regex", RegexOptions.RightToLeft)
                : Pattern(regexText, $"{where}.regex");
            var scope = ReadScope(fields.GetValueOrDefault("scope"), where);
            var ignoreMatches = Pattern(input.String(fields, where, "ignoreMatches", required: false, "\"EXAMPLE\""), $"{where}.ignoreMatches");
            var members = input.Strings(fields, where, "members", "\"System.Reflection.Assembly.Load(System.Byte[])\"");
            var alwaysTrue = input.Boolean(fields, where, "alwaysTrueDelegate", fallback: false);
            var sourceLanguages = languages & ~AuditLanguage.Assembly;
            if (regexText is null && members.Length == 0)
            {
                input.Problem($"\"{where}\" has neither \"regex\" nor \"members\"; give a regex for source text or members for assemblies");
            }

            if (members.Length > 0 && (languages & AuditLanguage.Assembly) == 0)
            {
                input.Problem($"\"{where}.members\" is only read for assemblies; add \"assembly\" to \"languages\" or remove \"members\"");
            }

            if (!callPrefix && regexText is not null && sourceLanguages != 0 && keywords.Length == 0)
            {
                input.Problem($"\"{where}.keywords\" is missing; a source pattern needs at least one literal keyword that every match contains (it is how the scanner finds candidate places fast)");
            }

            return input.Problems.Count > before ? null : new RulePattern(languages, keywords, regex, scope, ignoreMatches, members, alwaysTrue);
        }

        private SecretSettings? ReadSecret(JsonElement element, string where)
        {
            if (element.ValueKind == JsonValueKind.Undefined)
            {
                input.Problem($"\"{where}\" is missing; kind \"secret-assignment\" needs {{\"names\": \"(?i)password|secret|token\", \"minLength\": 16, \"minEntropy\": 3.5}}");
                return null;
            }

            var fields = input.Fields(element, where, SecretFields);
            var names = Pattern(input.String(fields, where, "names", required: true, "\"(?i)password|secret|token\""), $"{where}.names");
            var minLength = (int)input.Number(fields, where, "minLength", 16, 1, 4096);
            var minEntropy = input.Number(fields, where, "minEntropy", 3.5, 0, 8);
            var minClasses = (int)input.Number(fields, where, "minCharClasses", 2, 1, 4);
            var ignore = Pattern(input.String(fields, where, "ignoreValues", required: false, "\"^\\\\$\\\\{\""), $"{where}.ignoreValues");
            return names is null ? null : new SecretSettings(names, minLength, minEntropy, minClasses, ignore);
        }

        private DecodeSettings ReadDecode(JsonElement element, string where)
        {
            var fields = element.ValueKind == JsonValueKind.Undefined ? [] : input.Fields(element, where, DecodeFields);
            return new DecodeSettings(
                (int)input.Number(fields, where, "minBase64Length", 16, 8, 1 << 20),
                (int)input.Number(fields, where, "minHexLength", 16, 8, 1 << 20));
        }
    }
}
