using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;

using Whisper.Cutover.Geo;

namespace Whisper.Cutover.Cohorts;

/// <summary>
/// Reads a plan file (docs/cutover.md, "Plan file") and reports every problem at once, each naming the field and how
/// to fix it. Unknown versions are refused.
/// </summary>
public static partial class CutoverPlanReader
{
    public const string Format = "whisper-cutover-plan";

    private static readonly string[] LocalTimeFormats = ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd"];

    public static CutoverPlan ReadFile(string path)
    {
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CutoverPlanException(path, [$"cannot read the plan file ({e.Message})."]);
        }

        return Parse(json, path);
    }

    /// <exception cref="CutoverPlanException">The plan is not valid; every problem is listed.</exception>
    public static CutoverPlan Parse(string json, string source = "plan")
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new CutoverPlanException(source, [$"not valid JSON at line {(e.LineNumber ?? 0) + 1}: {e.Message}"]);
        }

        using (document)
        {
            var problems = new List<string>();
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new CutoverPlanException(source, ["the plan must be a JSON object."]);
            }

            if (Text(root, "format") != Format)
            {
                problems.Add($"\"format\" must be \"{Format}\".");
            }

            if (!root.TryGetProperty("version", out var v) || !v.TryGetInt32(out var version) || version != CutoverPlan.CurrentVersion)
            {
                throw new CutoverPlanException(source, [$"\"version\" must be {CutoverPlan.CurrentVersion}; this build reads version {CutoverPlan.CurrentVersion} plans only."]);
            }

            var groupId = Text(root, "group_id");
            if (string.IsNullOrEmpty(groupId) || groupId.Length > CohortBucket.MaxGroupIdLength || !groupId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            {
                problems.Add($"\"group_id\" must be 1–{CohortBucket.MaxGroupIdLength} letters, digits, '-', '_' or '.' (it salts the cohort hash; never change it mid-cutover).");
            }

            var region = Text(root, "region");
            if (string.IsNullOrWhiteSpace(region))
            {
                problems.Add("\"region\" must name the new region, e.g. \"us\".");
            }

            var countries = ReadCountries(root, problems);
            var zone = ReadTimeZone(root, problems);
            var launch = ReadLocalTime(root, "launch", problems);
            var sunset = ReadLocalTime(root, "sunset", problems);
            var staff = ReadIds(root, "staff", problems);
            var creators = ReadIds(root, "creators", problems);
            var steps = ReadSteps(root, problems);
            Uri? newApp = null;
            if (!Uri.TryCreate(Text(root, "new_app_url"), UriKind.Absolute, out newApp) || newApp.Scheme is not ("https" or "http"))
            {
                problems.Add("\"new_app_url\" must be an absolute http(s) URL of the new region's app; the sunset response points there.");
            }

            if (problems.Count == 0)
            {
                var plan = new CutoverPlan
                {
                    GroupId = groupId!,
                    Region = region!,
                    Countries = countries,
                    TimeZone = zone!,
                    LaunchLocal = launch!.Value,
                    SunsetLocal = sunset!.Value,
                    Steps = steps,
                    Staff = staff,
                    Creators = creators,
                    NewAppUrl = newApp!,
                };
                var schedule = new CutoverSchedule(plan);
                if (schedule.Sunset <= schedule.DueAt(steps.Count - 1))
                {
                    problems.Add($"\"sunset\" ({sunset:yyyy-MM-dd'T'HH:mm}) must come after the last step is due ({schedule.DueAt(steps.Count - 1):yyyy-MM-dd'T'HH:mm}Z).");
                }

                if (problems.Count == 0)
                {
                    return plan;
                }
            }

            throw new CutoverPlanException(source, problems);
        }
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null;

    private static FrozenSet<string> ReadCountries(JsonElement root, List<string> problems)
    {
        var countries = new HashSet<string>(StringComparer.Ordinal);
        if (root.TryGetProperty("countries", out var array) && array.ValueKind == JsonValueKind.Array)
        {
            foreach (var c in array.EnumerateArray())
            {
                var code = c.ValueKind == JsonValueKind.String ? c.GetString() : null;
                if (code is null || !CountryCodes.TryPack(code, out _))
                {
                    problems.Add($"\"countries\" holds {c.GetRawText()}; each must be an ISO 3166-1 alpha-2 code in upper case, e.g. \"US\".");
                    continue;
                }

                countries.Add(code);
            }
        }

        if (countries.Count == 0 && !problems.Exists(p => p.StartsWith("\"countries\"", StringComparison.Ordinal)))
        {
            problems.Add("\"countries\" must list at least one ISO 3166-1 alpha-2 code: the countries whose IPs are residents.");
        }

        return countries.ToFrozenSet(StringComparer.Ordinal);
    }

    private static TimeZoneInfo? ReadTimeZone(JsonElement root, List<string> problems)
    {
        var id = Text(root, "time_zone");
        if (id is not null && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone))
        {
            return zone;
        }

        problems.Add($"\"time_zone\" {(id is null ? "is missing" : $"'{id}' is not a known zone")}; use an IANA id such as \"America/New_York\" or \"UTC\".");
        return null;
    }

    private static DateTime? ReadLocalTime(JsonElement root, string name, List<string> problems)
    {
        var text = Text(root, name);
        if (text is not null && DateTime.TryParseExact(text, LocalTimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        }

        problems.Add($"\"{name}\" must be a wall-clock time in the plan's time zone, \"yyyy-MM-ddTHH:mm\" without an offset (got {(text is null ? "nothing" : $"'{text}'")}).");
        return null;
    }

    private static FrozenSet<long> ReadIds(JsonElement root, string name, List<string> problems)
    {
        var ids = new HashSet<long>();
        if (!root.TryGetProperty(name, out var array))
        {
            return ids.ToFrozenSet();
        }

        if (array.ValueKind != JsonValueKind.Array)
        {
            problems.Add($"\"{name}\" must be an array of user ids.");
            return ids.ToFrozenSet();
        }

        foreach (var e in array.EnumerateArray())
        {
            if (e.ValueKind != JsonValueKind.Number || !e.TryGetInt64(out var id) || id <= 0)
            {
                problems.Add($"\"{name}\" holds {e.GetRawText()}; user ids are positive integers.");
                continue;
            }

            ids.Add(id);
        }

        return ids.ToFrozenSet();
    }
}
