using System.Text.Json;
using System.Text.Json.Serialization;

namespace Whisper.Security.Detection;

/// <summary>Reads and writes security events as JSON lines (camelCase fields, kinds as <c>access</c> / <c>audit</c> / <c>egress</c>).</summary>
public static class SecurityEventLog
{
    public static string ToJsonLine(SecurityEvent e) => JsonSerializer.Serialize(e, SecurityEventJson.Default.SecurityEvent);

    /// <summary>Parses a JSON-lines file; a bad line throws <see cref="InvalidDataException"/> naming the file and line.</summary>
    public static IEnumerable<SecurityEvent> Read(string path)
    {
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            SecurityEvent? e;
            try
            {
                e = JsonSerializer.Deserialize(line, SecurityEventJson.Default.SecurityEvent);
            }
            catch (JsonException ex)
            {
                throw new InvalidDataException($"{path} line {number}: not a security event ({ex.Message})", ex);
            }

            if (e is null || string.IsNullOrEmpty(e.Identity))
            {
                throw new InvalidDataException($"{path} line {number}: a security event needs at least time, kind and identity");
            }

            yield return e;
        }
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(SecurityEvent))]
[JsonSerializable(typeof(Alert))]
public sealed partial class SecurityEventJson : JsonSerializerContext;
