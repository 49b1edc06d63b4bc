using System.Text.Json.Serialization;

namespace Whisper.Recommendation.ResponseLog;

/// <summary>Source-generated JSON for response-log lines: camelCase, compact (one line each), origins as names.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true, RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(ServedResponse))]
internal sealed partial class ResponseLogJsonContext : JsonSerializerContext;
