using System.Globalization;
using System.Text.Json;

namespace Whisper.Parity.Gate;

/// <summary>
/// The cutover gate's thresholds (docs/parity.md, "Gate"). Defaults: relative NDCG@10 loss ≤ 1 %, RBO@10 ≥ 0.9 in
/// partial-divestiture mode, fork p99 ≤ 1.2 × source p99, fork error rate ≤ 1 %, no blocking contract difference, and
/// at least 200 requests of which 50 have held-out positives (fewer: inconclusive). Comparisons allow 1e-9 so a value
/// exactly at a threshold passes.
/// </summary>
public sealed record GateThresholds
{
    public const string Format = "whisper-parity-gate";

    public GateMode Mode { get; init; } = GateMode.PartialDivestiture;

    public double MaxRelativeNdcgLoss { get; init; } = 0.01;

    /// <summary>Checked in partial-divestiture mode only.</summary>
    public double MinRbo10 { get; init; } = 0.9;

    /// <summary>Fork p99 may exceed the source's by this share.</summary>
    public double MaxP99Increase { get; init; } = 0.20;

    public double MaxForkErrorRate { get; init; } = 0.01;

    public bool AllowBlockingContractDifferences { get; init; }

    public int MinRequests { get; init; } = 200;

    /// <summary>Requests with at least one held-out positive (those that judge relevance).</summary>
    public int MinJudgedRequests { get; init; } = 50;

    /// <summary>Problems, each naming the setting and a valid range; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        Range(problems, "maxRelativeNdcgLoss", MaxRelativeNdcgLoss, 0, 1);
        Range(problems, "minRbo10", MinRbo10, 0, 1);
        Range(problems, "maxP99Increase", MaxP99Increase, 0, 100);
        Range(problems, "maxForkErrorRate", MaxForkErrorRate, 0, 1);
        if (MinRequests < 1)
        {
            problems.Add($"minRequests is {MinRequests}; use at least 1 (default 200).");
        }

        if (MinJudgedRequests < 1 || MinJudgedRequests > MinRequests)
        {
            problems.Add($"minJudgedRequests is {MinJudgedRequests}; use 1..minRequests (default 50).");
        }

        if (!Enum.IsDefined(Mode))
        {
            problems.Add("mode must be partial-divestiture or full-fork.");
        }

        return problems;
    }

    /// <summary>Reads a gate file (JSON, every field optional, "format": "whisper-parity-gate"); throws <see cref="FormatException"/> listing every problem.</summary>
    public static GateThresholds Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonElement root;
        try
        {
            root = JsonDocument.Parse(json).RootElement;
        }
        catch (JsonException e)
        {
            throw new FormatException($"the gate file is not JSON ({e.Message})", e);
        }

        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("format", out var format) || format.GetString() != Format)
        {
            throw new FormatException($"the gate file must be a JSON object with \"format\": \"{Format}\".");
        }

        var t = new GateThresholds();
        var problems = new List<string>();
        foreach (var p in root.EnumerateObject())
        {
            try
            {
                t = p.Name switch
                {
                    "format" => t,
                    "mode" => t with { Mode = ModeOf(p.Value.GetString()) },
                    "maxRelativeNdcgLoss" => t with { MaxRelativeNdcgLoss = p.Value.GetDouble() },
                    "minRbo10" => t with { MinRbo10 = p.Value.GetDouble() },
                    "maxP99Increase" => t with { MaxP99Increase = p.Value.GetDouble() },
                    "maxForkErrorRate" => t with { MaxForkErrorRate = p.Value.GetDouble() },
                    "allowBlockingContractDifferences" => t with { AllowBlockingContractDifferences = p.Value.GetBoolean() },
                    "minRequests" => t with { MinRequests = p.Value.GetInt32() },
                    "minJudgedRequests" => t with { MinJudgedRequests = p.Value.GetInt32() },
                    _ => throw new FormatException($"unknown setting \"{p.Name}\""),
                };
            }
            catch (Exception e) when (e is InvalidOperationException or FormatException)
            {
                problems.Add($"{p.Name}: {e.Message.TrimEnd('.')}.");
            }
        }

        problems.AddRange(t.Validate());
        return problems.Count > 0 ? throw new FormatException("gate file: " + string.Join(" ", problems)) : t;
    }

    public static GateMode ModeOf(string? name) => name switch
    {
        "partial-divestiture" => GateMode.PartialDivestiture,
        "full-fork" => GateMode.FullFork,
        _ => throw new FormatException($"mode \"{name}\" is unknown; use partial-divestiture or full-fork"),
    };

    public static string NameOf(GateMode mode) => mode == GateMode.FullFork ? "full-fork" : "partial-divestiture";

    private static void Range(List<string> problems, string name, double value, double min, double max)
    {
        if (!double.IsFinite(value) || value < min || value > max)
        {
            problems.Add($"{name} is {value.ToString(CultureInfo.InvariantCulture)}; use {min.ToString(CultureInfo.InvariantCulture)}..{max.ToString(CultureInfo.InvariantCulture)}.");
        }
    }
}
