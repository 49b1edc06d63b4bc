using System.Text;

namespace Whisper.Security.Audit.Corpus;

/// <summary>
/// The planted values. Off-region hosts use the made-up registrable names <c>shadowmetrics.cn</c> and <c>farsync.ru</c>
/// (nothing is ever sent to them); in-region ones fall under the sample <c>allowlists/us.json</c>. Secrets are random
/// strings made for this corpus; the AWS key ids have the real shape and no account.
/// </summary>
internal static class CorpusValues
{
    public const string Collector = "https://collect.shadowmetrics.cn/v1/events";
    public const string Upload = "https://upload.farsync.ru/batch";
    public const string Mirror = "cdn.farsync.ru";
    public const string Relay = "47.88.12.9";
    public const string Relay6 = "2a01:4f8:c17:1a2b::10";
    public const string Feed = "https://api.us.whisper.example/v1/feed";
    public const string Docs = "https://example.com/docs";
    public const string Internal = "10.2.3.4";
    public const string AwsKey = "AKIAZ7QRSTUVWX234567";
    public const string AwsTemporaryKey = "ASIAY3MNBVCXZ2345677";
    public const string AwsDocumentationKey = "AKIAIOSFODNN7EXAMPLE";

    /// <summary>"https://" + "api." + "shadowmetrics.cn", written as three literals in each language's own way.</summary>
    public const string PieceScheme = "https://";
    public const string PieceHost = "api.";
    public const string PieceDomain = "shadowmetrics.cn";

    /// <summary>Base64 of an off-region URL.</summary>
    public static readonly string Hidden = Convert.ToBase64String(Encoding.ASCII.GetBytes("https://exfil.shadowmetrics.cn/u"));

    /// <summary>Hex of an off-region host and port.</summary>
    public static readonly string HiddenHex = Convert.ToHexStringLower(Encoding.ASCII.GetBytes("api.farsync.ru:8443"));

    /// <summary>Base64 of text that is not an endpoint: must not be reported.</summary>
    public static readonly string Banner = Convert.ToBase64String(Encoding.ASCII.GetBytes("Hello, this is a plain banner"));

    /// <summary>A SHA-256 digest in hex: decodes to bytes that are not text.</summary>
    public const string Digest = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
}
