using System.Text.Json;
using System.Text.Json.Serialization;

using Whisper.Server.Catalog;

namespace Whisper.Server.SecurityAlerts;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(Page<SecurityAlertDocument>))]
internal sealed partial class SecurityAlertsJsonContext : JsonSerializerContext;
