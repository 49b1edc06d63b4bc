namespace Whisper.Server.Errors;

/// <summary>The fields of a problem+json body the client reads back (RFC 9457 plus Whisper's extensions).</summary>
public sealed record ProblemDocument(string? Type, string? Title, int? Status, string? Detail, string? Code, int? EventIndex, string? Field);
