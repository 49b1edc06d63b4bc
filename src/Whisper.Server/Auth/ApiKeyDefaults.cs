namespace Whisper.Server.Auth;

/// <summary>Names of the API key scheme and its header. Policy names are in <see cref="WhisperPolicies"/>.</summary>
public static class ApiKeyDefaults
{
    public const string Scheme = "ApiKey";

    /// <summary>The alternative header to <c>Authorization: Bearer</c>.</summary>
    public const string HeaderName = "X-Api-Key";
}
