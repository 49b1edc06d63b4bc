namespace Whisper.Security.Audit.Detectors;

/// <summary>A base64 or hex run in a value and the printable text it decodes to.</summary>
internal readonly record struct EncodedBlob(int Offset, int Length, string Encoding, string Decoded);
