using System.Text.Json.Serialization;

using Whisper.Fork.Verify;

namespace Whisper.Cli.Commands.Fork;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true, WriteIndented = true)]
[JsonSerializable(typeof(VerifyReport))]
internal sealed partial class VerifyReportJson : JsonSerializerContext;
