namespace Whisper.Security.Audit.Rules;

/// <summary>Which blobs the obfuscated-endpoint rule decodes: base64 (standard or URL-safe) and hex runs of at least these lengths.</summary>
public sealed record DecodeSettings(int MinBase64Length, int MinHexLength);
