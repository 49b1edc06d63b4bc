using System.Globalization;
using System.Text.Json;

using Whisper.Fork.Manifest;

namespace Whisper.Fork.Residency;

/// <summary>The validating reader behind <see cref="Parse"/>: walks the document field by field and collects every problem.</summary>
public sealed partial class ResidencyPolicy
{
    private sealed class Reader(string source)
    {
        private static readonly string[] TopLevelFields =
            ["format", "version", "description", "targetRegion", "countries", "mode", "signals", "decision", "conflicts", "related"];

        private static readonly string[] DecisionFields = ["threshold", "conflictMargin", "minimumKnownWeight"];

        private static readonly string[] RelatedFields = ["creators", "videos", "liveSessions", "products", "follows", "events", "orders"];

        public List<string> Problems { get; } = [];

        public ResidencyPolicy? Read(JsonElement root)
        {
            if (root.ValueKind != JsonValueKind.Object)
            {
                Problem($"the top level is {Describe(root)}; a policy is a JSON object with \"format\": \"{Format}\", \"version\": {CurrentVersion}, \"targetRegion\", \"countries\", \"mode\", \"signals\", \"decision\" and \"related\"");
                return null;
            }

            var fields = Fields(root, "", TopLevelFields);
            var format = fields.GetValueOrDefault("format");
            if (format.ValueKind != JsonValueKind.String || format.GetString() != Format)
            {
                Problem($"\"format\" is {Describe(format)}; a residency policy says \"format\": \"{Format}\"");
                return null; // not a policy file: the other messages would only be noise
            }

            var version = fields.GetValueOrDefault("version");
            if (!version.TryGetInt32OrDefault(out var v) || v != CurrentVersion)
            {
                Problem($"\"version\" is {Describe(version)}; this build reads version {CurrentVersion}: set \"version\": {CurrentVersion} (and check the file against docs/residency-policy.md)");
                return null;
            }

            var description = OptionalString(fields, "description");
            var region = ReadRegion(fields.GetValueOrDefault("targetRegion"));
            var countries = ReadCountries(fields.GetValueOrDefault("countries"));
            var mode = ReadMode(fields.GetValueOrDefault("mode"));
            var weights = ReadSignals(fields.GetValueOrDefault("signals"));
            var (threshold, margin, minimumKnown) = ReadDecision(fields.GetValueOrDefault("decision"), weights);
            var conflicts = ReadConflicts(fields.GetValueOrDefault("conflicts"));
            var related = ReadRelated(fields.GetValueOrDefault("related"));
            return Problems.Count > 0
                ? null
                : new ResidencyPolicy(source, description, region, countries, mode, weights, threshold, margin, minimumKnown, conflicts, related);
        }

        private string ReadRegion(JsonElement value)
        {
            const string Fix = "use the lower-case region code, e.g. \"us\"";
            if (value.ValueKind == JsonValueKind.Undefined)
            {
                Problem($"\"targetRegion\" is missing; {Fix}");
                return "";
            }

            var text = value.ValueKind == JsonValueKind.String ? value.GetString()! : "";
            var ok = text.Length is >= 1 and <= 32 && char.IsAsciiLetterLower(text[0]);
            foreach (var c in text)
            {
                ok &= char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-';
            }

            if (!ok)
            {
                Problem($"\"targetRegion\" is {Describe(value)}; {Fix} (a-z, 0-9 and '-', at most 32 characters, starting with a letter)");
            }

            return text;
        }

        private string[] ReadCountries(JsonElement value)
        {
            const string Example = "[\"US\", \"PR\", \"GU\", \"VI\", \"AS\", \"MP\"]";
            if (value.ValueKind != JsonValueKind.Array)
            {
                Problem(value.ValueKind == JsonValueKind.Undefined
                    ? $"\"countries\" is missing; list the ISO 3166-1 alpha-2 codes that make up the region, e.g. {Example}"
                    : $"\"countries\" is {Describe(value)}; use an array of ISO 3166-1 alpha-2 codes, e.g. {Example}");
                return [];
            }

            if (value.GetArrayLength() == 0)
            {
                Problem($"\"countries\" is empty; list at least one ISO 3166-1 alpha-2 code, e.g. {Example} (an empty region would move nobody)");
                return [];
            }

            var seen = new SortedSet<string>(StringComparer.Ordinal);
            var index = 0;
            foreach (var item in value.EnumerateArray())
            {
                var code = item.ValueKind == JsonValueKind.String ? CountryCode.Pack(item.GetString()) : CountryCode.Unknown;
                if (code == CountryCode.Unknown)
                {
                    Problem($"\"countries[{index}]\" is {Describe(item)}; use a two-letter ISO 3166-1 alpha-2 code such as \"US\" (\"XX\" and \"ZZ\" mean unknown and are not allowed)");
                }
                else if (!seen.Add(CountryCode.Name(code)))
                {
                    Problem($"\"countries[{index}]\" \"{CountryCode.Name(code)}\" is listed twice; remove the duplicate");
                }

                index++;
            }

            return [.. seen];
        }

        private ForkMode ReadMode(JsonElement value)
        {
            switch (value.ValueKind == JsonValueKind.String ? value.GetString() : null)
            {
                case "partial-divestiture":
                    return ForkMode.PartialDivestiture;
                case "full-fork":
                    return ForkMode.FullFork;
                default:
                    Problem(value.ValueKind == JsonValueKind.Undefined
                        ? "\"mode\" is missing; use \"partial-divestiture\" or \"full-fork\""
                        : $"\"mode\" is {Describe(value)}; use \"partial-divestiture\" or \"full-fork\"");
                    return ForkMode.PartialDivestiture;
            }
        }

        private double[] ReadSignals(JsonElement value)
        {
            var weights = new double[ResidencySignals.Count];
            var names = string.Join(", ", ResidencySignals.WireNames);
            if (value.ValueKind != JsonValueKind.Object)
            {
                Problem(value.ValueKind == JsonValueKind.Undefined
                    ? $"\"signals\" is missing; map the signals to use ({names}) to weights in (0, 1], e.g. {{\"residenceCountry\": 1.0, \"signupIp\": 0.25}}"
                    : $"\"signals\" is {Describe(value)}; use an object mapping signal names ({names}) to weights in (0, 1]");
                return weights;
            }

            var any = false;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in value.EnumerateObject())
            {
                any = true;
                var field = $"signals.{property.Name}";
                if (!ResidencySignals.TryParse(property.Name, out var signal))
                {
                    Problem($"\"{field}\" is not a signal; use one of {names} (names are case-sensitive)");
                    continue;
                }

                if (!seen.Add(property.Name))
                {
                    Problem($"\"{field}\" appears twice; keep one");
                    continue;
                }

                var weight = Number(property.Value);
                if (weight is not (> 0 and <= 1))
                {
                    Problem($"\"{field}\" is {Describe(property.Value)}; use a weight in (0, 1], e.g. 0.5 (leave the signal out to not use it)");
                    continue;
                }

                weights[(int)signal] = weight.Value;
            }

            if (!any)
            {
                Problem($"\"signals\" is empty; use at least one of {names}, e.g. {{\"residenceCountry\": 1.0}}");
            }

            return weights;
        }

        private (double Threshold, double Margin, double MinimumKnown) ReadDecision(JsonElement value, double[] weights)
        {
            const string Example = "{\"threshold\": 0.7, \"conflictMargin\": 0.4}";
            if (value.ValueKind != JsonValueKind.Object)
            {
                Problem(value.ValueKind == JsonValueKind.Undefined
                    ? $"\"decision\" is missing; add it, e.g. \"decision\": {Example}"
                    : $"\"decision\" is {Describe(value)}; use an object, e.g. {Example}");
                return (1, 0, 0);
            }

            var fields = Fields(value, "decision.", DecisionFields);
            var threshold = Number(fields.GetValueOrDefault("threshold"));
            if (threshold is not (> 0 and <= 1))
            {
                Problem($"\"decision.threshold\" is {Describe(fields.GetValueOrDefault("threshold"))}; use the in-region share a resident needs, in (0, 1], e.g. 0.7");
                threshold = null;
            }

            var margin = Number(fields.GetValueOrDefault("conflictMargin"));
            if (margin is null || margin < 0 || (threshold is not null && margin > threshold))
            {
                Problem($"\"decision.conflictMargin\" is {Describe(fields.GetValueOrDefault("conflictMargin"))}; use 0..threshold ({Show(threshold)}), e.g. 0.4: shares in (threshold − margin, threshold) are conflicts, 0 means no conflicts");
                margin = null;
            }

            var total = weights.Sum();
            var minimumKnown = 0.0;
            if (fields.TryGetValue("minimumKnownWeight", out var minimumValue))
            {
                var minimum = Number(minimumValue);
                // The upper bound is checked only when the signals are valid: otherwise their sum is no guide.
                if (minimum is null || minimum < 0 || (total > 0 && minimum > total + Tolerance))
                {
                    Problem($"\"decision.minimumKnownWeight\" is {Describe(minimumValue)}; use 0..the sum of the signal weights ({Show(total)}), e.g. 1.0, or leave it out for 0");
                }
                else
                {
                    minimumKnown = minimum.Value;
                }
            }

            return (threshold ?? 1, margin ?? 0, minimumKnown);
        }

        private ConflictHandling ReadConflicts(JsonElement value)
        {
            switch (value.ValueKind)
            {
                case JsonValueKind.Undefined:
                    return ConflictHandling.ReportExclude;
                case JsonValueKind.String when value.GetString() == "report-exclude":
                    return ConflictHandling.ReportExclude;
                case JsonValueKind.String when value.GetString() == "report-include":
                    return ConflictHandling.ReportInclude;
                default:
                    Problem($"\"conflicts\" is {Describe(value)}; use \"report-exclude\" (report conflicted users, do not move them; the default) or \"report-include\" (report and move them)");
                    return ConflictHandling.ReportExclude;
            }
        }

        private RelatedData ReadRelated(JsonElement value)
        {
            if (value.ValueKind != JsonValueKind.Object)
            {
                var all = string.Join(", ", RelatedFields.Select(f => $"\"{f}\": true"));
                Problem(value.ValueKind == JsonValueKind.Undefined
                    ? $"\"related\" is missing; say which data travels with resident users, e.g. \"related\": {{{all}}}"
                    : $"\"related\" is {Describe(value)}; use an object of true/false flags: {all}");
                return new RelatedData(false, false, false, false, false, false, false);
            }

            var fields = Fields(value, "related.", RelatedFields);
            bool Flag(string name)
            {
                var flag = fields.GetValueOrDefault(name);
                if (flag.ValueKind is JsonValueKind.True or JsonValueKind.False)
                {
                    return flag.GetBoolean();
                }

                Problem($"\"related.{name}\" is {Describe(flag)}; say true or false (every related flag is required so the file states what travels)");
                return false;
            }

            var related = new RelatedData(
                Creators: Flag("creators"),
                Videos: Flag("videos"),
                LiveSessions: Flag("liveSessions"),
                Products: Flag("products"),
                Follows: Flag("follows"),
                Events: Flag("events"),
                Orders: Flag("orders"));
            if (!related.Creators)
            {
                foreach (var (name, on) in new[] { ("videos", related.Videos), ("liveSessions", related.LiveSessions), ("products", related.Products) })
                {
                    if (on)
                    {
                        Problem($"\"related.{name}\" is true but \"related.creators\" is false; a creator's {name} cannot travel without the creator: set creators to true or {name} to false");
                    }
                }
            }

            return related;
        }

        /// <summary>The object's properties by name; unknown and repeated names are problems.</summary>
        private Dictionary<string, JsonElement> Fields(JsonElement obj, string prefix, string[] known)
        {
            var fields = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            foreach (var property in obj.EnumerateObject())
            {
                if (Array.IndexOf(known, property.Name) < 0)
                {
                    Problem($"\"{prefix}{property.Name}\" is not a known field; remove it or use one of {string.Join(", ", known)} (names are case-sensitive)");
                }
                else if (!fields.TryAdd(property.Name, property.Value))
                {
                    Problem($"\"{prefix}{property.Name}\" appears twice; keep one");
                }
            }

            return fields;
        }

        private string? OptionalString(Dictionary<string, JsonElement> fields, string name)
        {
            if (!fields.TryGetValue(name, out var value))
            {
                return null;
            }

            if (value.ValueKind != JsonValueKind.String)
            {
                Problem($"\"{name}\" is {Describe(value)}; use a string or leave it out");
                return null;
            }

            return value.GetString();
        }

        private void Problem(string text) => Problems.Add($"{source}: {text}.");

        private static double? Number(JsonElement value) =>
            value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var d) && double.IsFinite(d) ? d : null;

        private static string Show(double? value) => value is null ? "?" : value.Value.ToString("0.###", CultureInfo.InvariantCulture);

        private static string Describe(JsonElement value) => value.ValueKind switch
        {
            JsonValueKind.Undefined => "missing",
            JsonValueKind.String => $"\"{Clip(value.GetString()!)}\"",
            JsonValueKind.Number => value.GetRawText(),
            JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
            JsonValueKind.Null => "null",
            JsonValueKind.Array => "an array",
            _ => "an object",
        };

        private static string Clip(string text) => text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 40), "…");
    }
}

/// <summary>Small JSON helpers for the policy reader.</summary>
file static class JsonElementExtensions
{
    public static bool TryGetInt32OrDefault(this JsonElement value, out int result)
    {
        result = 0;
        return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out result);
    }
}
