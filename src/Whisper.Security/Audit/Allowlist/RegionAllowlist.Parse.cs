using System.Text.Json;

namespace Whisper.Security.Audit.Allowlist;

/// <summary>Reading and validating the allowlist file; every problem is collected and reported in one exception.</summary>
public sealed partial class RegionAllowlist
{
    private static readonly string[] Fields = ["version", "region", "description", "dns", "cidrs"];

    /// <exception cref="AuditInputException">The file cannot be read, is not JSON, or breaks a rule (all listed).</exception>
    public static RegionAllowlist Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var document = JsonInput.Load(path, "allowlist");
        return Read(document.RootElement, path);
    }

    /// <exception cref="AuditInputException">Not JSON, or a rule is broken (all listed).</exception>
    public static RegionAllowlist Parse(string json, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentException.ThrowIfNullOrEmpty(sourceName);
        using var document = JsonInput.Parse(json, sourceName);
        return Read(document.RootElement, sourceName);
    }

    private static RegionAllowlist Read(JsonElement root, string source)
    {
        var input = new JsonInput(source);
        var fields = input.Fields(root, "", Fields);
        var version = input.Number(fields, "", "version", CurrentVersion, 0, int.MaxValue);
        if (version != CurrentVersion)
        {
            input.Problem($"\"version\" is {version}; this build reads version {CurrentVersion} (see docs/security/allowlist.md)");
        }

        var region = input.String(fields, "", "region", required: true, "\"us\"") ?? "";
        if (region.Length > 0 && !IsRegionCode(region))
        {
            input.Problem($"\"region\" is \"{region}\"; use the lower-case region code, e.g. \"us\" (a-z, 0-9 and '-', at most 32 characters, starting with a letter)");
        }

        input.String(fields, "", "description", required: false, "\"US production\"");
        if (!fields.ContainsKey("dns") && !fields.ContainsKey("cidrs"))
        {
            input.Problem("neither \"dns\" nor \"cidrs\" is given; an allowlist names at least one, e.g. \"dns\": [\"*.us.whisper.example\"], \"cidrs\": [\"10.0.0.0/8\"]");
        }

        var dns = HostPatternSet.Create(
            input.Strings(fields, "", "dns", "\"*.us.whisper.example\""),
            (i, text) => input.Problem($"\"dns[{i}]\" {text}"));
        var cidrs = CidrSet.Create(
            input.Strings(fields, "", "cidrs", "\"10.0.0.0/8\""),
            (i, text) => input.Problem($"\"cidrs[{i}]\" {text}"));
        return input.Problems.Count > 0 ? throw new AuditInputException(input.Problems) : new RegionAllowlist(source, region, dns, cidrs);
    }

    private static bool IsRegionCode(string text)
    {
        if (text.Length is 0 or > 32 || !char.IsAsciiLetterLower(text[0]))
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!char.IsAsciiLetterLower(c) && !char.IsAsciiDigit(c) && c != '-')
            {
                return false;
            }
        }

        return true;
    }
}
