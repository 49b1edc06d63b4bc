using System.Text.Json.Serialization;

using Whisper.Fork.Manifest;

namespace Whisper.Fork.Purge;

/// <summary>
/// JSON of the purge files. The certificate is written compact (no indentation) with camelCase names in declaration
/// order, the layout docs/purge.md documents byte by byte; the signature covers those exact bytes.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true)]
[JsonSerializable(typeof(PurgeJournal))]
[JsonSerializable(typeof(PurgeScopeFile))]
[JsonSerializable(typeof(DeletionCertificate))]
internal sealed partial class PurgeJson : JsonSerializerContext;
