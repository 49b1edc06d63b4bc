using static Whisper.Security.Audit.Corpus.CorpusValues;

namespace Whisper.Security.Audit.Corpus;

/// <summary>The C# file; rule ids are those of <c>rules/audit-rules.json</c>.</summary>
public sealed partial class AuditCorpus
{
    internal const string EndpointRule = "WSA0101";
    internal const string CallRule = "WSA0102";
    internal const string ObfuscatedRule = "WSA0103";
    internal const string AwsKeyRule = "WSA0201";
    internal const string PrivateKeyRule = "WSA0202";
    internal const string SecretRule = "WSA0203";
    internal const string TlsRule = "WSA0301";
    internal const string DynamicRule = "WSA0401";

    private static CorpusFile CSharp() => new CorpusFile("src/Agent/Telemetry.cs")
        .Line("// Seeded audit corpus: a telemetry client with planted findings.")
        .Lookalike("endpoint in a comment", $"// The old collector was {Collector} (removed).")
        .Line("using System.Net.Http;\nusing System.Reflection;")
        .Lookalike("version attribute", "[assembly: AssemblyVersion(\"1.2.3.4\")]")
        .Line("namespace Corpus.Agent;\n\npublic static class Telemetry\n{")
        .Plant(EndpointRule, "URL constant", $"    private const string Collector = \"{Collector}\";")
        .Plant(EndpointRule, "bare host", $"    private const string Mirror = \"{Mirror}\";")
        .Plant(EndpointRule, "IPv4 literal", $"    private const string Relay = \"{Relay}\";")
        .Plant(EndpointRule, "IPv6 literal", $"    private const string RelayV6 = \"{Relay6}\";")
        .Plant(EndpointRule, "URL built from pieces", $"    private static readonly string Built = \"{PieceScheme}\" + \"{PieceHost}\" + \"{PieceDomain}\";")
        .Plant(EndpointRule, "URL in a verbatim string", $"    private const string Backup = @\"{Upload}\";")
        .Lookalike("allowlisted host", $"    private const string Feed = \"{Feed}\";")
        .Lookalike("reserved documentation host", $"    private const string Docs = \"{Docs}\";")
        .Lookalike("allowlisted address", $"    private const string Internal = \"{Internal}\";")
        .Lookalike("namespace name", "    private const string Serializer = \"System.Text.Json\";")
        .Lookalike("file name", "    private const string Settings = \"appsettings.json\";")
        .Plant(ObfuscatedRule, "base64 endpoint", $"    private static readonly byte[] Hidden = Convert.FromBase64String(\"{Hidden}\");")
        .Plant(ObfuscatedRule, "hex endpoint", $"    private const string HiddenHex = \"{HiddenHex}\";")
        .Lookalike("base64 of plain text", $"    private const string Banner = \"{Banner}\";")
        .Lookalike("hex digest", $"    private const string Digest = \"{Digest}\";")
        .Plant(AwsKeyRule, "AWS key id", $"    private const string AwsKeyId = \"{AwsKey}\";")
        .Lookalike("AWS documentation key", $"    private const string SampleKeyId = \"{AwsDocumentationKey}\";")
        .Plant(PrivateKeyRule, "PEM private key", "    private const string SigningPem = \"-----BEGIN RSA PRIVATE KEY-----\\nMIIEow\\n-----END RSA PRIVATE KEY-----\";")
        .Lookalike("PEM public key", "    private const string VerifyPem = \"-----BEGIN PUBLIC KEY-----\\nMIIBIj\\n-----END PUBLIC KEY-----\";")
        .Plant(SecretRule, "password constant", "    private const string DbPassword = \"Zr8#kq2!Lm9@vX4$wT\";")
        .Lookalike("password field name", "    private const string PasswordField = \"password-input\";")
        .Lookalike("token header name", "    private const string TokenHeader = \"X-Whisper-Token\";")
        .Lookalike("secret placeholder", "    private const string ClientSecret = \"${CLIENT_SECRET}\";")
        .Line("\n    public static async Task SendAsync(HttpClient client, byte[] plugin)\n    {")
        .Plant(CallRule, "call with a literal URL", $"        await client.PostAsync(\"{Upload}\", null);")
        .Plant(CallRule, "call with a URL built from pieces", $"        await client.GetStringAsync(\"{PieceScheme}\" + \"beacon.\" + \"{PieceDomain}\" + \"/v2\");")
        .Plant(CallRule, "call through a constant", "        await client.GetAsync(Collector);")
        .Lookalike("call to an allowlisted host", "        await client.GetAsync(Feed);")
        .Plant(DynamicRule, "Assembly.Load of bytes", "        var loaded = Assembly.Load(plugin);")
        .Lookalike("Assembly.Load by name", "        var core = Assembly.Load(\"Whisper.Core\");")
        .Line("        using var handler = new HttpClientHandler();")
        .Plant(TlsRule, "callback returning true", "        handler.ServerCertificateCustomValidationCallback = (message, cert, chain, errors) => true;")
        .Plant(TlsRule, "accept-any validator", "        handler.ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator;")
        .Lookalike("validating callback", "        handler.ServerCertificateCustomValidationCallback = (m, c, ch, e) => e == System.Net.Security.SslPolicyErrors.None;")
        .Lookalike("commented-out callback", "        // handler.ServerCertificateCustomValidationCallback = (m, c, ch, e) => true;")
        .Line("        _ = (loaded, core);\n    }\n}");
}
