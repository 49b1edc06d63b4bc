using System.Text.Json.Serialization;

namespace Whisper.Fork.Manifest;

/// <summary>JSON shapes of the repository's small files (manifest, signature, journals), camelCase, enums as names.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    WriteIndented = true,
    RespectRequiredConstructorParameters = true,
    RespectNullableAnnotations = true)]
[JsonSerializable(typeof(ForkManifest))]
[JsonSerializable(typeof(ManifestSignature))]
internal sealed partial class ManifestJson : JsonSerializerContext;
