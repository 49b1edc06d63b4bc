namespace Whisper.Server.Sessions;

/// <summary>
/// Endpoint metadata of the endpoints that skip API-key and JWT roles (they carry <c>AllowAnonymous</c>) because they
/// check a token shared with one peer service instead, sent in <see cref="Header"/>. Tests and audits read it to tell
/// these endpoints from truly anonymous ones.
/// </summary>
public sealed record SharedTokenGuard(string Header);
