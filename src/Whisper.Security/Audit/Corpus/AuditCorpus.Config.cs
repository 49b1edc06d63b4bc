using static Whisper.Security.Audit.Corpus.CorpusValues;

namespace Whisper.Security.Audit.Corpus;

/// <summary>The JSON, YAML and XML files, and the documented fixture.</summary>
public sealed partial class AuditCorpus
{
    private static CorpusFile Json() => new CorpusFile("config/appsettings.json")
        .Line("{")
        .Lookalike("$schema URL", "  \"$schema\": \"https://json.schemastore.org/appsettings.json\",")
        .Lookalike("version field", "  \"version\": \"1.2.3.4\",")
        .Line("  \"Telemetry\": {")
        .Plant(EndpointRule, "URL value", $"    \"Endpoint\": \"{Collector}\",")
        .Plant(EndpointRule, "bare host value", $"    \"Mirror\": \"{Mirror}\",")
        .Plant(EndpointRule, "IPv4 value", $"    \"Relay\": \"{Relay}\",")
        .Plant(EndpointRule, "IPv6 value", $"    \"RelayV6\": \"{Relay6}\",")
        .Plant(EndpointRule, "connection string", $"    \"Store\": \"Host={Mirror};Port=5432;Database=events\",")
        .Plant(ObfuscatedRule, "base64 endpoint", $"    \"Hidden\": \"{Hidden}\",")
        .Plant(AwsKeyRule, "AWS key id", $"    \"AwsKeyId\": \"{AwsKey}\",")
        .Plant(PrivateKeyRule, "PEM private key", "    \"SigningKey\": \"-----BEGIN EC PRIVATE KEY-----\\nMHcCAQ\\n-----END EC PRIVATE KEY-----\",")
        .Plant(SecretRule, "API key", "    \"ApiKey\": \"Qm9!vT4#zX8@kL2$pR6w\",")
        .Lookalike("allowlisted host", $"    \"Feed\": \"{Feed}\",")
        .Lookalike("reserved documentation host", $"    \"Docs\": \"{Docs}\"")
        .Line("  },")
        .Plant(TlsRule, "insecureSkipVerify true", "  \"Tls\": { \"insecureSkipVerify\": true },")
        .Lookalike("rejectUnauthorized true", "  \"TlsSafe\": { \"rejectUnauthorized\": true },")
        .Lookalike("package name as a key", "  \"dependencies\": { \"socket.io\": \"^4.7.0\" }")
        .Line("}");

    private static CorpusFile Yaml() => new CorpusFile("deploy/values.yaml")
        .Lookalike("endpoint in a comment", $"# Seeded audit corpus: Helm values. Old collector {Collector}")
        .Lookalike("version field", "version: 1.2.3.4")
        .Line("telemetry:")
        .Plant(EndpointRule, "URL value", $"  endpoint: {Collector}")
        .Plant(EndpointRule, "bare host value", $"  mirror: {Mirror}  # CDN")
        .Plant(EndpointRule, "quoted IPv4", $"  relay: \"{Relay}\"")
        .Plant(EndpointRule, "quoted IPv6", $"  relayV6: '{Relay6}'")
        .Line("  peers:")
        .Plant(EndpointRule, "list item", $"    - {Upload}")
        .Plant(ObfuscatedRule, "base64 endpoint", $"  hidden: {Hidden}")
        .Plant(AwsKeyRule, "AWS key id", $"  awsKeyId: {AwsKey}")
        .Line("  signingKey: |")
        .Plant(PrivateKeyRule, "PEM private key in a block scalar", "    -----BEGIN RSA PRIVATE KEY-----\n    MIIEow\n    -----END RSA PRIVATE KEY-----")
        .Plant(SecretRule, "API token", "  apiToken: \"Tz5!qW8#mK2@xV7$nL\"")
        .Lookalike("allowlisted host", $"  feed: {Feed}")
        .Lookalike("allowlisted address", "  internal: 10.20.30.40")
        .Lookalike("secret placeholder", "  clientSecret: \"{{ .Values.secret }}\"")
        .Line("tls:")
        .Plant(TlsRule, "insecureSkipVerify true", "  insecureSkipVerify: true")
        .Lookalike("verifySsl true", "  verifySsl: true");

    private static CorpusFile Xml() => new CorpusFile("config/app.config")
        .Lookalike("XML declaration", "<?xml version=\"1.0\" encoding=\"utf-8\"?>")
        .Lookalike("endpoint in a comment", $"<!-- Seeded audit corpus. Old collector: {Collector} -->")
        .Lookalike("namespace URI", "<configuration xmlns=\"http://schemas.shadowmetrics.cn/config/v1\">")
        .Lookalike("version element", "  <version>1.2.3.4</version>")
        .Plant(EndpointRule, "URL attribute", $"  <telemetry endpoint=\"{Collector}\" />")
        .Plant(EndpointRule, "bare host element", $"  <mirror>{Mirror}</mirror>")
        .Plant(EndpointRule, "IPv4 attribute", $"  <relay host=\"{Relay}\" port=\"8443\" />")
        .Plant(EndpointRule, "IPv6 element", $"  <relayV6>{Relay6}</relayV6>")
        .Plant(ObfuscatedRule, "base64 endpoint", $"  <hidden value=\"{Hidden}\" />")
        .Plant(AwsKeyRule, "AWS key id", $"  <aws keyId=\"{AwsKey}\" />")
        .Plant(PrivateKeyRule, "PEM private key", "  <signingKey>-----BEGIN DSA PRIVATE KEY-----</signingKey>")
        .Plant(SecretRule, "password attribute", "  <connection password=\"Wq4!zN8#rT2@kM6$vX\" />")
        .Lookalike("allowlisted host", $"  <feed url=\"{Feed}\" />")
        .Plant(TlsRule, "insecureSkipVerify attribute", "  <tls insecureSkipVerify=\"true\" />")
        .Lookalike("insecureSkipVerify false", "  <tlsSafe insecureSkipVerify=\"false\" />")
        .Line("</configuration>");

    /// <summary>Fake credentials for tests, under testdata/: the secret rules' <c>excludePaths</c> leave them alone.</summary>
    private static CorpusFile Fixture() => new CorpusFile("testdata/fake_credentials.json")
        .Line("{")
        .Lookalike("fixture AWS key id", $"  \"awsKeyId\": \"{AwsKey}\",")
        .Lookalike("fixture password", "  \"password\": \"Fx8!kq2#Lm9@vZ4$wT\"")
        .Line("}");
}
