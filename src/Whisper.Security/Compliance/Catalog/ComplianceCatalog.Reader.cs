using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

using Whisper.Security.Compliance.Evidence;
using Whisper.Security.Compliance.Probes;

namespace Whisper.Security.Compliance.Catalog;

public sealed partial class ComplianceCatalog
{
    /// <summary>
    /// Reads a parsed catalog field by field, collecting every problem as <c>source:line: path: message</c> instead of
    /// stopping at the first. Unknown fields are problems: a typo must not pass for evidence.
    /// </summary>
    private sealed partial class Reader(string source, JsonLineMap lines, ProbeRegistry probes)
    {
        private static readonly string[] RootFields = ["format", "version", "name", "description", "controls"];
        private static readonly string[] ControlFields = ["id", "title", "implementation", "evidence", "gaps"];
        private static readonly string[] GapFields = ["text", "blocking"];
        private static readonly string[] Kinds = ["file", "doc", "test", "config", "probe"];

        private static readonly Dictionary<string, string[]> EvidenceFields = new(StringComparer.Ordinal)
        {
            ["file"] = ["kind", "description", "path"],
            ["doc"] = ["kind", "description", "path", "heading"],
            ["test"] = ["kind", "description", "name"],
            ["config"] = ["kind", "description", "path", "pointer", .. ConfigExpectation.Operators],
            ["probe"] = ["kind", "description", "probe", "parameters"],
        };

        private readonly List<string> _problems = [];

        public List<string> Problems => _problems;

        public (string? Name, string? Description, List<ControlDefinition> Controls) Read(JsonElement root)
        {
            var controls = new List<ControlDefinition>();
            var fields = Fields(root, "", RootFields);
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, null, controls);
            }

            if (String(fields, "", "format", required: true) is { } format && format != Format)
            {
                Problem("format", $"is \"{format}\"; a catalog says \"format\": \"{Format}\"");
                return (null, null, controls); // another kind of file: its other fields would only add noise
            }

            if (!fields.TryGetValue("version", out var version))
            {
                Problem("", $"\"version\" is missing; add \"version\": {CurrentVersion}");
            }
            else if (!version.TryGetInt32(out var number) || number != CurrentVersion)
            {
                Problem("version", $"is {Describe(version)}; this build reads version {CurrentVersion} only");
            }

            var name = String(fields, "", "name", required: true);
            var description = String(fields, "", "description", required: false);
            if (!fields.TryGetValue("controls", out var list) || list.ValueKind != JsonValueKind.Array || list.GetArrayLength() == 0)
            {
                Problem(fields.ContainsKey("controls") ? "controls" : "", "\"controls\" must be a non-empty array of controls");
                return (name, description, controls);
            }

            var ids = new Dictionary<string, string>(StringComparer.Ordinal);
            var index = 0;
            foreach (var element in list.EnumerateArray())
            {
                var where = Index("controls", index++);
                if (ReadControl(element, where) is { } control)
                {
                    if (ids.TryAdd(control.Id, where))
                    {
                        controls.Add(control);
                    }
                    else
                    {
                        Problem($"{where}.id", $"\"{control.Id}\" repeats {ids[control.Id]}; keep one entry per control");
                    }
                }
            }

            return (name, description, controls);
        }

        private ControlDefinition? ReadControl(JsonElement element, string where)
        {
            var fields = Fields(element, where, ControlFields);
            if (element.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var id = String(fields, where, "id", required: true);
            if (id is not null && !ControlId().IsMatch(id))
            {
                Problem($"{where}.id", $"\"{id}\" is not a NIST SP 800-53 control id; write e.g. \"SC-7\" or \"SC-7(5)\"");
            }

            var title = String(fields, where, "title", required: true);
            var implementation = String(fields, where, "implementation", required: true);
            var evidence = Items(fields, where, "evidence", ReadEvidence);
            var gaps = Items(fields, where, "gaps", ReadGap);
            if (fields.ContainsKey("evidence") && evidence.Count == 0 && gaps.Count == 0)
            {
                Problem($"{where}.evidence", "is empty and no gap is stated; a control with nothing in place says why in \"gaps\"");
            }

            return id is null || title is null || implementation is null
                ? null
                : new ControlDefinition(id, title, implementation, evidence, gaps, lines.LineOf(where));
        }

        private KnownGap? ReadGap(JsonElement element, string where)
        {
            var fields = Fields(element, where, GapFields);
            var text = String(fields, where, "text", required: true);
            var blocking = false;
            if (fields.TryGetValue("blocking", out var value))
            {
                if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
                {
                    blocking = value.GetBoolean();
                }
                else
                {
                    Problem($"{where}.blocking", $"is {Describe(value)}; use true or false");
                }
            }

            return text is null ? null : new KnownGap(text, blocking);
        }

        private EvidenceItem? ReadEvidence(JsonElement element, string where)
        {
            if (element.ValueKind != JsonValueKind.Object)
            {
                Problem(where, $"is {Describe(element)}; evidence is an object with a \"kind\"");
                return null;
            }

            var kind = element.TryGetProperty("kind", out var kindValue) && kindValue.ValueKind == JsonValueKind.String ? kindValue.GetString()! : null;
            if (kind is null || !EvidenceFields.TryGetValue(kind, out var known))
            {
                Problem(kind is null ? where : $"{where}.kind", $"{(kind is null ? "\"kind\" is missing" : $"\"{kind}\" is not a kind")}; use {string.Join(", ", Kinds)}");
                return null;
            }

            var fields = Fields(element, where, known);
            var description = String(fields, where, "description", required: false);
            var line = lines.LineOf(where);
            switch (kind)
            {
                case "file":
                    return RelativePath(fields, where, "path") is { } file ? new FileEvidence(file, description, line) : null;
                case "doc":
                    var doc = RelativePath(fields, where, "path");
                    var heading = String(fields, where, "heading", required: true);
                    return doc is null || heading is null ? null : new DocEvidence(doc, heading, description, line);
                case "test":
                    var test = String(fields, where, "name", required: true);
                    if (test is not null && !TestName().IsMatch(test))
                    {
                        Problem($"{where}.name", $"\"{test}\" is not a test method name; write Method or Class.Method, e.g. \"EgressGuardTests.EvaluateAsync_NameWithNoAddresses_Denied\"");
                        return null;
                    }

                    return test is null ? null : new TestEvidence(test, description, line);
                case "config":
                    return ReadConfig(fields, where, description, line);
                default:
                    return ReadProbe(fields, where, description, line);
            }
        }

        private ConfigEvidence? ReadConfig(Dictionary<string, JsonElement> fields, string where, string? description, int line)
        {
            var path = RelativePath(fields, where, "path");
            string? pointer = null;
            if (!fields.TryGetValue("pointer", out var pointerValue))
            {
                Problem(where, "\"pointer\" is missing; add a JSON pointer, e.g. \"pointer\": \"/region\" (\"\" for the whole file)");
            }
            else if (pointerValue.ValueKind != JsonValueKind.String || !JsonPointer.IsValid(pointerValue.GetString()!))
            {
                Problem($"{where}.pointer", $"is {Describe(pointerValue)}; use an RFC 6901 pointer such as \"/cidrs/0\" or \"\"");
            }
            else
            {
                pointer = pointerValue.GetString();
            }

            var given = ConfigExpectation.Operators.Where(fields.ContainsKey).ToList();
            if (given.Count != 1)
            {
                Problem(where, $"give exactly one of {string.Join(", ", ConfigExpectation.Operators.Select(o => $"\"{o}\""))} (found {given.Count})");
                return null;
            }

            var value = fields[given[0]].Clone();
            if (given[0] == ConfigExpectation.TypeOperator
                && (value.ValueKind != JsonValueKind.String || !ConfigExpectation.TypeNames.Contains(value.GetString(), StringComparer.Ordinal)))
            {
                Problem($"{where}.type", $"is {Describe(value)}; use one of {string.Join(", ", ConfigExpectation.TypeNames)}");
                return null;
            }

            return path is null || pointer is null ? null : new ConfigEvidence(path, pointer, new ConfigExpectation(given[0], value), description, line);
        }

        private ProbeEvidence? ReadProbe(Dictionary<string, JsonElement> fields, string where, string? description, int line)
        {
            var name = String(fields, where, "probe", required: true);
            if (name is null)
            {
                return null;
            }

            if (probes.Find(name) is not { } probe)
            {
                Problem($"{where}.probe", $"\"{name}\" is not a probe of this build; use one of {string.Join(", ", probes.Names)}");
                return null;
            }

            var parameters = fields.TryGetValue("parameters", out var value) ? value.Clone() : default;
            var before = _problems.Count;
            probe.Validate(new ProbeParameters(parameters, $"{where}.parameters", Problem));
            return _problems.Count == before ? new ProbeEvidence(name, parameters, description, line) : null;
        }

        private List<T> Items<T>(Dictionary<string, JsonElement> fields, string where, string name, Func<JsonElement, string, T?> read)
            where T : class
        {
            var items = new List<T>();
            if (!fields.TryGetValue(name, out var list))
            {
                return items;
            }

            if (list.ValueKind != JsonValueKind.Array)
            {
                Problem($"{where}.{name}", $"is {Describe(list)}; use an array");
                return items;
            }

            var index = 0;
            foreach (var element in list.EnumerateArray())
            {
                if (read(element, Index($"{where}.{name}", index++)) is { } item)
                {
                    items.Add(item);
                }
            }

            return items;
        }

        private Dictionary<string, JsonElement> Fields(JsonElement element, string where, IReadOnlyCollection<string> known)
        {
            var fields = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            if (element.ValueKind != JsonValueKind.Object)
            {
                Problem(where, $"is {Describe(element)}; it must be a JSON object");
                return fields;
            }

            foreach (var property in element.EnumerateObject())
            {
                var path = Join(where, property.Name);
                if (!known.Contains(property.Name))
                {
                    Problem(path, $"unknown field; the fields here are {string.Join(", ", known.Select(k => $"\"{k}\""))}");
                }
                else if (!fields.TryAdd(property.Name, property.Value))
                {
                    Problem(path, "is given twice; keep one");
                }
            }

            return fields;
        }

        private string? String(Dictionary<string, JsonElement> fields, string where, string name, bool required)
        {
            if (!fields.TryGetValue(name, out var value))
            {
                if (required)
                {
                    Problem(where, $"\"{name}\" is missing; add it");
                }

                return null;
            }

            if (value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetString()))
            {
                Problem(Join(where, name), $"is {Describe(value)}; use a non-empty string");
                return null;
            }

            return value.GetString();
        }

        private string? RelativePath(Dictionary<string, JsonElement> fields, string where, string name)
        {
            var path = String(fields, where, name, required: true);
            if (path is not null && !CatalogPaths.IsRelativeInside(path))
            {
                Problem(Join(where, name), $"\"{path}\" must be a path relative to the root, with '/' separators and no '..'");
                return null;
            }

            return path;
        }

        private void Problem(string path, string message)
        {
            var label = path.Length == 0 ? "" : $"{path}: ";
            _problems.Add(string.Create(CultureInfo.InvariantCulture, $"{source}:{lines.LineOf(path)}: {label}{message}"));
        }

        private static string Join(string where, string name) => where.Length == 0 ? name : $"{where}.{name}";

        private static string Index(string where, int index) => string.Create(CultureInfo.InvariantCulture, $"{where}[{index}]");

        private static string Describe(JsonElement value) => value.ValueKind switch
        {
            JsonValueKind.String => $"\"{value.GetString()}\"",
            JsonValueKind.Number => value.GetRawText(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            JsonValueKind.Null => "null",
            JsonValueKind.Array => "an array",
            JsonValueKind.Object => "an object",
            _ => "missing",
        };

        [GeneratedRegex(@"^[A-Z]{2}-[0-9]{1,2}(\([0-9]{1,2}\))?$", RegexOptions.CultureInvariant)]
        private static partial Regex ControlId();

        [GeneratedRegex(@"^([A-Za-z_][A-Za-z0-9_]*\.)?[A-Za-z_][A-Za-z0-9_]*$", RegexOptions.CultureInvariant)]
        private static partial Regex TestName();
    }
}
