using System.Text.Json.Serialization;

namespace Whisper.Recommendation.RankingAudit;

/// <summary>Source-generated JSON for the declared-rules file and the audit reports (camelCase, indented).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(DeclaredRules))]
[JsonSerializable(typeof(ManipulationReport))]
[JsonSerializable(typeof(ResponseLog.ResponseVersionReport))]
public sealed partial class RankingAuditJsonContext : JsonSerializerContext;
