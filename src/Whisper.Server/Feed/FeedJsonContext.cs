using System.Text.Json;
using System.Text.Json.Serialization;

namespace Whisper.Server.Feed;

/// <summary>Source-generated JSON metadata for the feed endpoint (kept beside it so the feed stays an optional add-on).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(FeedResponse))]
public sealed partial class FeedJsonContext : JsonSerializerContext;
