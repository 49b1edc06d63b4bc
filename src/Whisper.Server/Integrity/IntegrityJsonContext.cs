using System.Text.Json;
using System.Text.Json.Serialization;

namespace Whisper.Server.Integrity;

/// <summary>Source-generated JSON for the integrity endpoints' own documents (the evidence files are served as stored).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(DeletionCertificateList))]
internal sealed partial class IntegrityJsonContext : JsonSerializerContext;
