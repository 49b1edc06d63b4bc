using Whisper.Security.Audit.Scanning;

namespace Whisper.Security.Tests.Audit;

public sealed class SecretAndPatternTests
{
    [Theory]
    [InlineData("a.cs", "var apiKey = \"x8F!k2LmQ9#zR4vW\";")]
    [InlineData("a.cs", "options.Password = \"x8F!k2LmQ9#zR4vW\";")]
    [InlineData("a.cs", "public string Token => \"x8F!k2LmQ9#zR4vW\";")]
    [InlineData("a.java", "client.setPassword(\"x8F!k2LmQ9#zR4vW\");")]
    [InlineData("a.ts", "const secret: string = \"x8F!k2LmQ9#zR4vW\";")]
    [InlineData("a.go", "token := \"x8F!k2LmQ9#zR4vW\"")]
    [InlineData("a.py", "headers[\"X-Api-Key\"] = \"x8F!k2LmQ9#zR4vW\"")]
    [InlineData("a.yaml", "db:\n  password: x8F!k2LmQ9#zR4vW")]
    public void Scan_HighEntropySecret_IsReportedAndRedacted(string file, string code)
    {
        var finding = Assert.Single(ScanOne.Findings(file, code));

        Assert.Equal("WSA0203", finding.RuleId);
        Assert.DoesNotContain("x8F!", finding.Message, StringComparison.Ordinal);
        Assert.Contains("[redacted, 16 characters]", finding.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("var password = \"hunter2\";")]
    [InlineData("var password = Environment.GetEnvironmentVariable(\"DB_PASSWORD\");")]
    [InlineData("var token = \"${ACCESS_TOKEN_FROM_VAULT}\";")]
    [InlineData("var secretName = \"whisper-database-credentials\";")]
    [InlineData("var tokenUrl = \"https://login.us.whisper.example/oauth2/token\";")]
    [InlineData("var greeting = \"x8F!k2LmQ9#zR4vW\";")]
    [InlineData("var password = \"correct horse battery staple\";")]
    public void Scan_NotASecret_IsQuiet(string code)
    {
        Assert.Equal("", ScanOne.Rules("a.cs", code));
    }

    [Theory]
    [InlineData("a.cs", "var id = \"AKIAZ7QRSTUVWX234567\";", "WSA0201@1")]
    [InlineData("a.cs", "// leaked: AKIAZ7QRSTUVWX234567", "WSA0201@1")]
    [InlineData("a.cs", "var id = \"AKIAIOSFODNN7EXAMPLE\";", "")]
    [InlineData("a.cs", "var id = \"XAKIAZ7QRSTUVWX234567\";", "")]
    [InlineData("a.py", "KEY = '''\n-----BEGIN OPENSSH PRIVATE KEY-----\nabc\n'''", "WSA0202@2")]
    [InlineData("a.py", "CERT = '-----BEGIN CERTIFICATE-----'", "")]
    [InlineData("a.go", "cfg := &tls.Config{\n\tInsecureSkipVerify: true,\n}", "WSA0301@2")]
    [InlineData("a.go", "// InsecureSkipVerify: true is never allowed", "")]
    [InlineData("a.go", "log.Print(\"InsecureSkipVerify: true\")", "")]
    [InlineData("a.cs", "handler.ServerCertificateCustomValidationCallback =\n    delegate { return true; };", "WSA0301@1")]
    [InlineData("a.cs", "ServicePointManager.ServerCertificateValidationCallback += (s, c, ch, e) => { return true; };", "WSA0301@1")]
    [InlineData("a.py", "session.verify = False", "WSA0301@1")]
    [InlineData("a.py", "ctx = ssl._create_unverified_context()", "WSA0301@1")]
    [InlineData("a.kt", "val t = TrustAllX509TrustManager()", "WSA0301@1")]
    [InlineData("a.yml", "clusters:\n- cluster:\n    insecure-skip-tls-verify: true", "WSA0301@3")]
    [InlineData("a.cs", "var asm = AssemblyLoadContext.Default.LoadFromStream(stream);", "WSA0401@1")]
    [InlineData("a.cs", "var asm = Assembly.Load(name);", "WSA0401@1")]
    [InlineData("a.cs", "var asm = Assembly.Load(new AssemblyName(\"X\"));", "")]
    [InlineData("a.java", "Class<?> c = Class.forName(\"com.acme.\" + kind);", "WSA0401@1")]
    [InlineData("a.java", "Class<?> c = getClass().getClassLoader().loadClass(name);", "WSA0401@1")]
    [InlineData("a.py", "mod = __import__(name)", "WSA0401@1")]
    [InlineData("a.py", "mod = __import__('json')", "")]
    [InlineData("a.py", "cursor.execute(sql)", "")]
    [InlineData("a.js", "const x = obj.eval(y);", "")]
    public void Scan_Pattern_ReportsOnlyRealUses(string file, string code, string expected)
    {
        Assert.Equal(expected, ScanOne.Rules(file, code));
    }

    [Fact]
    public void Shown_ControlCharactersAndLength_AreTamed()
    {
        Assert.Equal("a b", FindingText.Shown("a\nb", redact: false));
        Assert.Equal(120, FindingText.Shown(new string('x', 500), redact: false).Length);
        Assert.Equal("[redacted, 3 characters]", FindingText.Shown("abc", redact: true));
    }
}
