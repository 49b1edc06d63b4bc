using System.Collections.Frozen;
using System.Text.Json;
using System.Text.RegularExpressions;

using Whisper.Security.Audit.Allowlist;

namespace Whisper.Security.Audit.Rules;

/// <summary>The validating reader behind <see cref="Parse"/>: walks the document field by field and collects every problem.</summary>
public sealed partial class AuditRules
{
    private const long DefaultMaxFileBytes = 16L << 20;

    private static readonly string[] TopFields = ["format", "version", "description", "exclude", "maxFileBytes", "endpoints", "rules"];
    private static readonly string[] EndpointFields = ["bareHostTlds", "reverseDnsPrefixes", "ignoreSchemes", "ignoreHosts", "ignoreCidrs", "ignoreNames", "versionNames"];
    private static readonly string[] RuleFields =
        ["id", "name", "kind", "level", "enabled", "shortDescription", "fullDescription", "message", "help", "tags", "languages", "excludePaths", "redact", "patterns", "secret", "decode"];

    private static readonly string[] PatternFields = ["note", "languages", "keywords", "regex", "scope", "ignoreMatches", "members", "alwaysTrueDelegate"];
    private static readonly string[] SecretFields = ["names", "minLength", "minEntropy", "minCharClasses", "ignoreValues"];
    private static readonly string[] DecodeFields = ["minBase64Length", "minHexLength"];
    private static readonly string[] Placeholders = ["{value}", "{name}", "{region}", "{detail}"];

    private static readonly (string Name, RuleKind Kind)[] Kinds =
    [
        ("endpoint", RuleKind.Endpoint),
        ("endpoint-call", RuleKind.EndpointCall),
        ("obfuscated-endpoint", RuleKind.ObfuscatedEndpoint),
        ("secret-assignment", RuleKind.SecretAssignment),
        ("pattern", RuleKind.Pattern),
    ];

    /// <summary>The wire name of a kind, as the rules file and the docs spell it.</summary>
    public static string KindName(RuleKind kind) => Array.Find(Kinds, k => k.Kind == kind).Name;

    private sealed partial class Reader(JsonInput input)
    {
        public AuditRules Read(JsonElement root)
        {
            var format = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("format", out var f) ? f : default;
            if (format.ValueKind != JsonValueKind.String || format.GetString() != Format)
            {
                input.Problem($"\"format\" is {JsonInput.Describe(format)}; an audit rules file is a JSON object that says \"format\": \"{Format}\"");
                throw new AuditInputException(input.Problems); // not a rules file: the other messages would only be noise
            }

            var fields = input.Fields(root, "", TopFields);

            var version = input.Number(fields, "", "version", 0, 0, int.MaxValue);
            if (version != CurrentVersion)
            {
                input.Problem($"\"version\" is {JsonInput.Describe(fields.GetValueOrDefault("version"))}; this build reads version {CurrentVersion}: set \"version\": {CurrentVersion} (and check the file against docs/security/audit-rules.md)");
                throw new AuditInputException(input.Problems);
            }

            var description = input.String(fields, "", "description", required: false, "\"Whisper's default audit rules\"");
            var exclude = Globs(input.Strings(fields, "", "exclude", "\"**/.git/**\""), "exclude");
            var maxFileBytes = (long)input.Number(fields, "", "maxFileBytes", DefaultMaxFileBytes, 1, 1L << 31);
            var endpoints = ReadEndpoints(fields.GetValueOrDefault("endpoints"));
            var rules = ReadRules(fields.GetValueOrDefault("rules"));
            return input.Problems.Count > 0
                ? throw new AuditInputException(input.Problems)
                : new AuditRules(input.Source, description, exclude, maxFileBytes, endpoints, rules);
        }

        private EndpointSettings ReadEndpoints(JsonElement element)
        {
            const string Where = "endpoints";
            var fields = element.ValueKind == JsonValueKind.Undefined ? [] : input.Fields(element, Where, EndpointFields);
            var tlds = Labels(input.Strings(fields, Where, "bareHostTlds", "\"cn\""), "bareHostTlds");
            var reverse = Labels(input.Strings(fields, Where, "reverseDnsPrefixes", "\"com\""), "reverseDnsPrefixes");
            var schemes = Labels(input.Strings(fields, Where, "ignoreSchemes", "\"file\""), "ignoreSchemes");
            var hosts = HostPatternSet.Create(
                input.Strings(fields, Where, "ignoreHosts", "\"*.example\""),
                (i, text) => input.Problem($"\"{Where}.ignoreHosts[{i}]\" {text}"));
            var cidrs = CidrSet.Create(
                input.Strings(fields, Where, "ignoreCidrs", "\"192.0.2.0/24\""),
                (i, text) => input.Problem($"\"{Where}.ignoreCidrs[{i}]\" {text}"));
            var ignoreNames = Pattern(input.String(fields, Where, "ignoreNames", required: false, "\"^(?:xmlns|\\\\$schema)$\""), $"{Where}.ignoreNames");
            var versionNames = Pattern(input.String(fields, Where, "versionNames", required: false, "\"(?i)version\""), $"{Where}.versionNames");
            return new EndpointSettings(tlds, reverse, schemes, hosts, cidrs, ignoreNames, versionNames);
        }

        private List<AuditRule> ReadRules(JsonElement element)
        {
            var rules = new List<AuditRule>();
            if (element.ValueKind != JsonValueKind.Array || element.GetArrayLength() == 0)
            {
                input.Problem($"\"rules\" is {JsonInput.Describe(element)}; list the rules as a non-empty array of objects (see docs/security/audit-rules.md)");
                return rules;
            }

            var ids = new HashSet<string>(StringComparer.Ordinal);
            var index = 0;
            foreach (var item in element.EnumerateArray())
            {
                var where = $"rules[{index++}]";
                var (rule, enabled) = ReadRule(item, where);
                if (rule is null)
                {
                    continue;
                }

                if (!ids.Add(rule.Id))
                {
                    input.Problem($"\"{where}.id\" \"{rule.Id}\" is used twice; rule ids must be unique (baselines and SARIF consumers key on them)");
                }
                else if (enabled)
                {
                    rules.Add(rule);
                }
            }

            return rules;
        }

        private (AuditRule? Rule, bool Enabled) ReadRule(JsonElement element, string where)
        {
            var before = input.Problems.Count;
            var fields = input.Fields(element, where, RuleFields);
            var id = input.String(fields, where, "id", required: true, "\"WSA0101\"") ?? "";
            if (id.Length > 0 && !RuleId().IsMatch(id))
            {
                input.Problem($"\"{where}.id\" is \"{id}\"; use 2-8 capital letters and 3-5 digits, e.g. \"WSA0101\"");
            }

            var name = input.String(fields, where, "name", required: true, "\"hard-coded-endpoint\"") ?? "";
            if (name.Length > 0 && !RuleName().IsMatch(name))
            {
                input.Problem($"\"{where}.name\" is \"{name}\"; use lower-case words joined by '-', e.g. \"hard-coded-endpoint\"");
            }

            var kind = ReadKind(fields.GetValueOrDefault("kind"), where);
            var level = ReadLevel(fields.GetValueOrDefault("level"), where);
            var enabled = input.Boolean(fields, where, "enabled", fallback: true);
            var shortDescription = input.String(fields, where, "shortDescription", required: true, "\"Hard-coded endpoint outside the region\"") ?? "";
            var fullDescription = input.String(fields, where, "fullDescription", required: false, "\"...\"") ?? shortDescription;
            var message = input.String(fields, where, "message", required: true, "\"Endpoint {value} is outside the {region} allowlist.\"") ?? "";
            CheckPlaceholders(message, $"{where}.message");
            var help = input.String(fields, where, "help", required: true, "\"Move the endpoint to configuration ...\"") ?? "";
            var tags = input.Strings(fields, where, "tags", "\"security\"");
            var languages = ReadLanguages(fields, where, AuditLanguage.All);
            var excludePaths = Globs(input.Strings(fields, where, "excludePaths", "\"**/testdata/**\""), $"{where}.excludePaths");
            var redact = input.Boolean(fields, where, "redact", fallback: false);
            var patterns = ReadPatterns(fields.GetValueOrDefault("patterns"), where, kind, languages);
            var secret = kind == RuleKind.SecretAssignment ? ReadSecret(fields.GetValueOrDefault("secret"), $"{where}.secret") : null;
            var decode = kind == RuleKind.ObfuscatedEndpoint ? ReadDecode(fields.GetValueOrDefault("decode"), $"{where}.decode") : null;
            foreach (var (field, onlyFor) in new[] { ("secret", RuleKind.SecretAssignment), ("decode", RuleKind.ObfuscatedEndpoint) })
            {
                if (fields.ContainsKey(field) && kind != onlyFor && kind is not null)
                {
                    input.Problem($"\"{where}.{field}\" is only read for kind \"{KindName(onlyFor)}\"; remove it or change \"kind\"");
                }
            }

            if (input.Problems.Count > before || kind is null || level is null)
            {
                return (null, enabled);
            }

            return (new AuditRule(id, name, kind.Value, level.Value, shortDescription, fullDescription, message, help, tags, languages, excludePaths, patterns, redact, secret, decode), enabled);
        }

        private AuditLanguage ReadLanguages(Dictionary<string, JsonElement> fields, string where, AuditLanguage fallback)
        {
            if (!fields.ContainsKey("languages"))
            {
                return fallback;
            }

            var names = input.Strings(fields, where, "languages", "\"csharp\"");
            var languages = AuditLanguage.None;
            foreach (var name in names)
            {
                if (AuditLanguages.TryParse(name, out var language))
                {
                    languages |= language;
                }
                else
                {
                    input.Problem($"\"{where}.languages\" names \"{name}\"; use {string.Join(", ", AuditLanguages.WireNames.Select(w => w.Name))}");
                }
            }

            if (names.Length == 0)
            {
                input.Problem($"\"{where}.languages\" is empty; leave it out to mean all, or name at least one");
            }

            return languages == AuditLanguage.None ? fallback : languages;
        }

        private RuleKind? ReadKind(JsonElement value, string where)
        {
            var text = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
            foreach (var (name, kind) in Kinds)
            {
                if (name == text)
                {
                    return kind;
                }
            }

            input.Problem($"\"{where}.kind\" is {JsonInput.Describe(value)}; use one of {string.Join(", ", Kinds.Select(k => $"\"{k.Name}\""))}");
            return null;
        }

        private AuditLevel? ReadLevel(JsonElement value, string where)
        {
            switch (value.ValueKind == JsonValueKind.String ? value.GetString() : null)
            {
                case "error": return AuditLevel.Error;
                case "warning": return AuditLevel.Warning;
                case "note": return AuditLevel.Note;
                default:
                    input.Problem($"\"{where}.level\" is {JsonInput.Describe(value)}; use \"error\", \"warning\" or \"note\" (SARIF's levels)");
                    return null;
            }
        }

        private PatternScope ReadScope(JsonElement value, string where)
        {
            switch (value.ValueKind == JsonValueKind.String ? value.GetString() : value.ValueKind == JsonValueKind.Undefined ? "code" : null)
            {
                case "code": return PatternScope.Code;
                case "literal": return PatternScope.Literal;
                case "any": return PatternScope.Any;
                default:
                    input.Problem($"\"{where}.scope\" is {JsonInput.Describe(value)}; use \"code\" (default), \"literal\" or \"any\"");
                    return PatternScope.Code;
            }
        }

        private Regex? Pattern(string? text, string where, RegexOptions extra = RegexOptions.None)
        {
            if (text is null)
            {
                return null;
            }

            try
            {
                return new Regex(text, RegexOptions.CultureInvariant | RegexOptions.Compiled | extra, TimeSpan.FromSeconds(2));
            }
            catch (ArgumentException e)
            {
                input.Problem($"\"{where}\" is not a valid .NET regular expression ({e.Message.TrimEnd('.')}); fix the pattern");
                return null;
            }
        }

        private List<PathGlob> Globs(string[] patterns, string where)
        {
            var globs = new List<PathGlob>(patterns.Length);
            for (var i = 0; i < patterns.Length; i++)
            {
                if (PathGlob.TryCreate(patterns[i], out var glob))
                {
                    globs.Add(glob);
                }
                else
                {
                    input.Problem($"\"{where}[{i}]\" \"{patterns[i]}\" is not a relative path pattern; use e.g. \"**/testdata/**\" or \"*.min.js\"");
                }
            }

            return globs;
        }

        private FrozenSet<string> Labels(string[] labels, string where)
        {
            foreach (var label in labels)
            {
                if (!LabelText().IsMatch(label))
                {
                    input.Problem($"\"endpoints.{where}\" has \"{label}\"; use lower-case labels of a-z, 0-9, '+', '-' and '.' only, e.g. \"cn\"");
                }
            }

            return labels.ToFrozenSet(StringComparer.Ordinal);
        }

        private void CheckPlaceholders(string message, string where)
        {
            foreach (Match match in PlaceholderText().Matches(message))
            {
                if (!Placeholders.Contains(match.Value))
                {
                    input.Problem($"\"{where}\" uses {match.Value}; the placeholders are {string.Join(", ", Placeholders)}");
                }
            }
        }

        [GeneratedRegex(@"^[A-Z]{2,8}[0-9]{3,5}$", RegexOptions.CultureInvariant)]
        private static partial Regex RuleId();

        [GeneratedRegex(@"^[a-z0-9]+(?:-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
        private static partial Regex RuleName();

        [GeneratedRegex(@"^[a-z0-9][a-z0-9+.\-]*$", RegexOptions.CultureInvariant)]
        private static partial Regex LabelText();

        [GeneratedRegex(@"\{[^{}]*\}", RegexOptions.CultureInvariant)]
        private static partial Regex PlaceholderText();
    }
}
