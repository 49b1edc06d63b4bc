namespace Whisper.Server.Transparency;

/// <summary>
/// Body of <c>POST /v1/tlog/entries</c>: <c>{ "kind": "release", "subject": "whisper-server 1.4.2", "sha256": "…64 hex…" }</c>.
/// The server stamps the time; unknown fields are refused.
/// </summary>
public sealed record AppendEntryRequest(string? Kind, string? Subject, string? Sha256);
