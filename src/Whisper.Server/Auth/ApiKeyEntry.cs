namespace Whisper.Server.Auth;

/// <summary>One key as the server knows it: an id, its roles and the SHA-256 of the key — never the key itself.</summary>
/// <param name="Id">Name of the key, shown in logs instead of the key ("ingest-edge-1").</param>
/// <param name="Roles">What the key may do.</param>
/// <param name="CreatedAt">When the key was created.</param>
public sealed record ApiKeyEntry(string Id, ApiKeyRoles Roles, DateTimeOffset CreatedAt);
