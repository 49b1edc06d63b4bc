using System.Text.Json;
using System.Text.Json.Nodes;

using Whisper.Security.Audit;
using Whisper.Security.Audit.Allowlist;
using Whisper.Security.Audit.Baseline;
using Whisper.Security.Audit.Rules;
using Whisper.Security.Compliance.Evidence;

namespace Whisper.Security.Compliance.Probes;

/// <summary>
/// <c>audit-clean</c>: <c>whisper audit</c>'s scanner, run on a path of the root with the region allowlist (and
/// optionally a baseline and a rules file), finds nothing at or above <c>failOn</c> (default <c>error</c>) that the
/// baseline does not accept: no hard-coded foreign endpoint called, no secret, no disabled TLS validation.
/// <c>exclude</c> adds path globs to the rules' own (e.g. <c>**/bin/**</c>: build outputs inside a checkout hold
/// third-party assemblies, which are not the region's source).
/// </summary>
public sealed class AuditCleanProbe : IComplianceProbe
{
    private static readonly string[] Levels = ["error", "warning", "note"];

    public string Name => "audit-clean";

    public string Summary => "The code audit finds no unaccepted finding at the given level in the given tree.";

    public void Validate(ProbeParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        parameters.Known("path", "allowlist", "baseline", "rules", "failOn", "exclude");
        parameters.RelativePath("path", required: true);
        parameters.RelativePath("allowlist", required: true);
        parameters.RelativePath("baseline", required: false);
        parameters.RelativePath("rules", required: false);
        if (parameters.Text("failOn", required: false) is { } level && !Levels.Contains(level, StringComparer.Ordinal))
        {
            parameters.Problem("failOn", $"\"{level}\" is not a level; use error, warning or note");
        }

        foreach (var glob in parameters.Strings("exclude", required: false))
        {
            if (!PathGlob.TryCreate(glob, out _))
            {
                parameters.Problem("exclude", $"\"{glob}\" is not a path glob; write e.g. \"**/bin/**\"");
            }
        }
    }

    public ValueTask<EvidenceResult> RunAsync(ProbeParameters parameters, EvidenceContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(context);
        var path = parameters.RelativePath("path", required: true)!;
        var allowlistPath = parameters.RelativePath("allowlist", required: true)!;
        var baselinePath = parameters.RelativePath("baseline", required: false);
        var rulesPath = parameters.RelativePath("rules", required: false);
        var level = parameters.Text("failOn", required: false) switch
        {
            "warning" => AuditLevel.Warning,
            "note" => AuditLevel.Note,
            _ => AuditLevel.Error,
        };

        foreach (var needed in new[] { path, allowlistPath, baselinePath, rulesPath })
        {
            if (needed is not null && !File.Exists(context.Resolve(needed)) && !Directory.Exists(context.Resolve(needed)))
            {
                return ValueTask.FromResult(EvidenceResult.Missing($"{needed} does not exist"));
            }
        }

        AuditReport report;
        try
        {
            var rules = Rules(rulesPath is null ? null : context.Resolve(rulesPath), parameters.Strings("exclude", required: false));
            var allowlist = RegionAllowlist.Load(context.Resolve(allowlistPath));
            report = new AuditScanner(rules, allowlist).Scan(context.Resolve(path), cancellationToken);
            if (baselinePath is not null)
            {
                report = AuditBaseline.Load(context.Resolve(baselinePath)).Apply(report);
            }
        }
        catch (AuditInputException e)
        {
            return ValueTask.FromResult(EvidenceResult.Fail(e.Message));
        }

        var failing = report.Findings.Where(f => !f.Suppressed && f.Level >= level).ToList();
        var name = level.ToString().ToLowerInvariant();
        if (failing.Count == 0)
        {
            return ValueTask.FromResult(EvidenceResult.Pass(
                $"{path}: {report.Files:N0} files, no finding at {name} or above ({report.Findings.Count} in all, {report.SuppressedCount} in the baseline)"));
        }

        var first = failing[0];
        return ValueTask.FromResult(EvidenceResult.Fail(
            $"{path}: {failing.Count} findings at {name} or above, first {first.RuleId} at {first.Path}:{first.Line}: {first.Message}; run 'whisper audit {path} --allowlist {allowlistPath}' for all"));
    }

    /// <summary>The rules file (default: the built-in one) with <paramref name="exclude"/> added to its own exclusions.</summary>
    private static AuditRules Rules(string? rulesPath, IReadOnlyList<string> exclude)
    {
        if (exclude.Count == 0)
        {
            return rulesPath is null ? AuditRules.Default : AuditRules.Load(rulesPath);
        }

        string json;
        if (rulesPath is null)
        {
            using var stream = typeof(AuditRules).Assembly.GetManifestResourceStream(AuditRules.DefaultResourceName)!;
            using var reader = new StreamReader(stream);
            json = reader.ReadToEnd();
        }
        else
        {
            json = File.ReadAllText(rulesPath);
        }

        var source = rulesPath ?? AuditRules.Default.Source;
        var options = new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json, documentOptions: options);
        }
        catch (JsonException e)
        {
            throw new AuditInputException($"{source}: not valid JSON ({e.Message})", e);
        }

        if (node is not JsonObject rules)
        {
            return AuditRules.Parse(json, source); // not a rules object: let the rules reader say what is wrong
        }

        if (rules["exclude"] is not JsonArray list)
        {
            rules["exclude"] = list = [];
        }

        foreach (var glob in exclude)
        {
            list.Add(glob);
        }

        return AuditRules.Parse(rules.ToJsonString(), $"{source} + exclude {string.Join(", ", exclude)}");
    }
}
