namespace Whisper.Server.Auth;

/// <summary>Names of the API key scheme and of the authorization policies, one per role.</summary>
public static class ApiKeyDefaults
{
    public const string Scheme = "ApiKey";

    /// <summary>The alternative header to <c>Authorization: Bearer</c>.</summary>
    public const string HeaderName = "X-Api-Key";

    /// <summary>POST /v1/events: role ingest.</summary>
    public const string IngestPolicy = "whisper.ingest";

    /// <summary>Catalog reads and /metrics: role read or operator.</summary>
    public const string ReadPolicy = "whisper.read";

    /// <summary>Reading the raw event log: role operator.</summary>
    public const string OperatorPolicy = "whisper.operator";
}
