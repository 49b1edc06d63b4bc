using System.Text.Json;

namespace Whisper.Evaluation.Reports;

/// <summary>
/// An evaluation run's result; its JSON form is documented byte for byte in docs/evaluation.md. Readers refuse a
/// <see cref="FormatVersion"/> they do not know.
/// </summary>
public sealed record EvaluationReport
{
    public const int CurrentFormatVersion = 1;

    public int FormatVersion { get; init; } = CurrentFormatVersion;

    public DateTimeOffset GeneratedAt { get; init; }

    /// <summary>Cut-off of the @k metrics.</summary>
    public int K { get; init; }

    /// <summary>Items each recommender returned per user (Recall@50 and MRR are over these).</summary>
    public int ListLength { get; init; }

    public long Seed { get; init; }

    public required DatasetSummary Dataset { get; init; }

    public required SplitSummary Split { get; init; }

    public required IReadOnlyList<RecommenderResult> Recommenders { get; init; }

    public required ReportTimings Timings { get; init; }

    public string ToJson() => JsonSerializer.Serialize(this, EvaluationReportJson.Default.EvaluationReport);

    /// <summary>Parses a report.</summary>
    /// <exception cref="JsonException">Not a report.</exception>
    /// <exception cref="NotSupportedException">Written by a newer format version.</exception>
    public static EvaluationReport FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        using (var document = JsonDocument.Parse(json))
        {
            if (!document.RootElement.TryGetProperty("formatVersion", out var version) || version.ValueKind != JsonValueKind.Number)
            {
                throw new JsonException("Not an evaluation report: no numeric \"formatVersion\".");
            }

            if (version.GetInt32() != CurrentFormatVersion)
            {
                throw new NotSupportedException($"Evaluation report format version {version.GetInt32()} is not supported; this build reads version {CurrentFormatVersion}.");
            }
        }

        return JsonSerializer.Deserialize(json, EvaluationReportJson.Default.EvaluationReport)
            ?? throw new JsonException("Not an evaluation report: the document is null.");
    }
}
