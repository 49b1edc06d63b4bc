using System.Text.Json;

namespace Whisper.Security.Egress;

/// <summary>
/// Reading the allowlist file: <c>{ "version": 1, "region": "us", "description": "…", "dns": [...], "cidrs": [...] }</c>
/// (docs/security/allowlist.md). Unknown fields and versions are refused: a typo must not pass for a rule.
/// </summary>
public sealed partial class EgressAllowlist
{
    /// <summary>The file format version this build reads; a file without "version" is read as this one.</summary>
    public const int SupportedVersion = 1;

    private const int MaxFileBytes = 1 << 20;

    private static readonly JsonDocumentOptions JsonOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        MaxDepth = 8,
    };

    /// <summary>Reads and validates an allowlist file; throws <see cref="EgressAllowlistException"/> naming the file and every bad field.</summary>
    public static EgressAllowlist Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string json;
        try
        {
            var info = new FileInfo(path);
            if (info.Exists && info.Length > MaxFileBytes)
            {
                throw new EgressAllowlistException(path, [$"the file is {info.Length:N0} bytes; an allowlist is at most {MaxFileBytes:N0}"]);
            }

            json = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new EgressAllowlistException(path, [$"cannot read the file: {e.Message}"]);
        }

        return Parse(json, path);
    }

    /// <summary>Parses allowlist JSON; <paramref name="source"/> (a path) prefixes every error message.</summary>
    public static EgressAllowlist Parse(string json, string source = "allowlist")
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, JsonOptions);
        }
        catch (JsonException e)
        {
            throw new EgressAllowlistException(source, [$"not valid JSON: {e.Message}"]);
        }

        using (document)
        {
            var problems = new List<string>();
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new EgressAllowlistException(source, ["the file must be a JSON object with \"region\", \"dns\" and \"cidrs\""]);
            }

            string? region = null;
            List<string?> dns = [], cidrs = [];
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in root.EnumerateObject())
            {
                if (!seen.Add(property.Name))
                {
                    problems.Add($"{property.Name}: appears twice");
                    continue;
                }

                switch (property.Name)
                {
                    case "region":
                        if (property.Value.ValueKind == JsonValueKind.String)
                        {
                            region = property.Value.GetString();
                        }
                        else
                        {
                            problems.Add("region: must be a string such as \"us\"");
                        }

                        break;
                    case "version":
                        if (property.Value.ValueKind != JsonValueKind.Number || !property.Value.TryGetInt32(out var version) || version != SupportedVersion)
                        {
                            problems.Add($"version: {property.Value.GetRawText()} is not supported; this build reads version {SupportedVersion}");
                        }

                        break;
                    case "description":
                        if (property.Value.ValueKind != JsonValueKind.String)
                        {
                            problems.Add("description: must be a string");
                        }

                        break;
                    case "dns":
                        dns = ReadStrings(property, problems);
                        break;
                    case "cidrs":
                        cidrs = ReadStrings(property, problems);
                        break;
                    default:
                        // A typo ("cidr") would otherwise silently allow less or, worse, be mistaken for a rule that is enforced.
                        if (!property.Name.StartsWith('$'))
                        {
                            problems.Add($"{property.Name}: unknown field; an allowlist has \"version\", \"region\", \"description\", \"dns\" and \"cidrs\" (and \"$comment\"-style notes)");
                        }

                        break;
                }
            }

            var allowlist = Build(region, dns, cidrs, problems);
            return allowlist is not null && problems.Count == 0 ? allowlist : throw new EgressAllowlistException(source, problems);
        }
    }

    private static List<string?> ReadStrings(JsonProperty property, List<string> problems)
    {
        if (property.Value.ValueKind != JsonValueKind.Array)
        {
            problems.Add($"{property.Name}: must be an array of strings");
            return [];
        }

        var values = new List<string?>();
        foreach (var item in property.Value.EnumerateArray())
        {
            values.Add(item.ValueKind == JsonValueKind.String ? item.GetString() : null);
        }

        return values;
    }
}
