using System.Text.Json;
using System.Text.Json.Serialization;

using Whisper.Core.Domain;
using Whisper.Server.Catalog;
using Whisper.Server.Errors;
using Whisper.Server.Ingest;

namespace Whisper.Server.Json;

/// <summary>
/// Source-generated JSON metadata for every type the server and <see cref="Client.WhisperClient"/> put on the
/// wire (camelCase, web defaults). The ingest request body itself is read and written by hand
/// (<see cref="EventBatchReader"/>, <see cref="EventBatchWriter"/>) for speed and precise errors.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(IngestResponse))]
[JsonSerializable(typeof(EventBatchDocument))]
[JsonSerializable(typeof(ProblemDocument))]
[JsonSerializable(typeof(User))]
[JsonSerializable(typeof(Creator))]
[JsonSerializable(typeof(Video))]
[JsonSerializable(typeof(Product))]
[JsonSerializable(typeof(LiveSession))]
[JsonSerializable(typeof(Page<Video>))]
[JsonSerializable(typeof(Page<LiveSession>))]
[JsonSerializable(typeof(Page<LoggedEventDocument>))]
public sealed partial class WhisperJsonContext : JsonSerializerContext;
