using System.Text.Json;
using System.Text.Json.Serialization;

namespace Whisper.Server.Auth;

/// <summary>The keys file on disk (version 1). See docs/security/authentication.md for the layout.</summary>
internal sealed class ApiKeyFileDocument
{
    public int Version { get; set; }

    public List<ApiKeyFileEntry> Keys { get; set; } = [];
}

internal sealed class ApiKeyFileEntry
{
    public string Id { get; set; } = "";

    public List<string> Roles { get; set; } = [];

    /// <summary>Lower-case hex SHA-256 of the UTF-8 key text (64 characters).</summary>
    public string Sha256 { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true)]
[JsonSerializable(typeof(ApiKeyFileDocument))]
internal sealed partial class ApiKeyFileJsonContext : JsonSerializerContext;
