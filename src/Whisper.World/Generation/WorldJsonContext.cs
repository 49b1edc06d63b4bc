using System.Text.Json.Serialization;

namespace Whisper.World.Generation;

/// <summary>Source-generated JSON for the options block of the ground-truth file (camelCase, no reflection).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(WorldOptions))]
internal sealed partial class WorldJsonContext : JsonSerializerContext;
