using System.Text.Json;
using System.Text.Json.Serialization;

using Whisper.Server.Catalog;

namespace Whisper.Server.AuditTrail;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(Page<AuditRecordDocument>))]
internal sealed partial class AuditTrailJsonContext : JsonSerializerContext;
