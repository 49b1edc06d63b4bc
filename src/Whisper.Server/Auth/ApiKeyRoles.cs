namespace Whisper.Server.Auth;

/// <summary>What an API key may do. Stored in the keys file by wire name ("ingest", "read", "operator").</summary>
[Flags]
public enum ApiKeyRoles
{
    None = 0,

    /// <summary>POST /v1/events.</summary>
    Ingest = 1,

    /// <summary>Catalog reads under /v1 and the /metrics scrape.</summary>
    Read = 2,

    /// <summary>Reading the raw event log (GET /v1/events) and everything <see cref="Read"/> may do.</summary>
    Operator = 4,
}
