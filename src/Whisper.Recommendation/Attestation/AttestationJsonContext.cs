using System.Text.Json.Serialization;

namespace Whisper.Recommendation.Attestation;

/// <summary>Source-generated JSON for the model registry (camelCase, indented: it is read by people too).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true, RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(ModelRegistry))]
internal sealed partial class AttestationJsonContext : JsonSerializerContext;
