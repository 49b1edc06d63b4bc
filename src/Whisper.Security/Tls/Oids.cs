namespace Whisper.Security.Tls;

/// <summary>The object identifiers the CA and the policy read and write.</summary>
internal static class Oids
{
    public const string BasicConstraints = "2.5.29.19";
    public const string EnhancedKeyUsage = "2.5.29.37";
    public const string ServerAuth = "1.3.6.1.5.5.7.3.1";
    public const string ClientAuth = "1.3.6.1.5.5.7.3.2";
}
