using System.Text.Json;
using System.Text.Json.Serialization;

namespace Whisper.Server.Transparency;

/// <summary>
/// Source-generated JSON for the transparency endpoints and <c>whisper tlog</c>, used explicitly by the endpoints so
/// mapping them needs no change to the host's JSON options. Unknown request fields are refused, not ignored.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow, WriteIndented = false)]
[JsonSerializable(typeof(AppendEntryRequest))]
[JsonSerializable(typeof(AppendEntryResponse))]
[JsonSerializable(typeof(SignedTreeHeadDocument))]
[JsonSerializable(typeof(LogEntryDocument))]
[JsonSerializable(typeof(InclusionProofDocument))]
[JsonSerializable(typeof(ConsistencyProofDocument))]
public sealed partial class TransparencyJsonContext : JsonSerializerContext;
