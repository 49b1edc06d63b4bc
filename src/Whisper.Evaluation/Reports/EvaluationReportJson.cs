using System.Text.Json.Serialization;

namespace Whisper.Evaluation.Reports;

/// <summary>Source-generated JSON for <see cref="EvaluationReport"/>: camelCase names, indented, nulls written.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    NumberHandling = JsonNumberHandling.Strict,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(EvaluationReport))]
internal sealed partial class EvaluationReportJson : JsonSerializerContext;
