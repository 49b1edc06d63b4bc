namespace Whisper.Security.Tests.Audit;

public sealed class EndpointDetectionTests
{
    [Theory]
    [InlineData("var u = \"https://api.tracker.cn/v1\";", "WSA0101@1")]
    [InlineData("var u = \"HTTPS://API.TRACKER.CN/v1\";", "WSA0101@1")]
    [InlineData("var u = \"https://user:pw@api.tracker.cn:8443/v1\";", "WSA0101@1")]
    [InlineData("var u = \"http://[2a01:4f8::10]:80/\";", "WSA0101@1")]
    [InlineData("var u = \"grpc.tracker.cn:443\";", "WSA0101@1")]
    [InlineData("var u = \"185.199.108.153\";", "WSA0101@1")]
    [InlineData("var u = \"see https://a.tracker.cn and https://b.tracker.ru\";", "WSA0101@1,WSA0101@1")]
    [InlineData("var u = \"https://\" +\n  \"api.tracker.cn\";", "WSA0101@1")]
    [InlineData("var u = string.Concat(\"https://\", \"api.\", \"tracker.cn\");", "WSA0101@1")]
    public void Scan_OffRegionEndpoint_IsReported(string code, string expected)
    {
        Assert.Equal(expected, ScanOne.Rules("a.cs", code));
    }

    [Theory]
    [InlineData("var u = \"https://api.us.whisper.example/v1\";")]
    [InlineData("var u = \"http://localhost:5000\";")]
    [InlineData("var u = \"http://orders/api\";")]
    [InlineData("var u = \"https://{host}/api\";")]
    [InlineData("var u = \"file:///etc/hosts.cn\";")]
    [InlineData("var u = \"10.9.8.7\";")]
    [InlineData("var u = \"192.0.2.1\";")]
    [InlineData("var u = \"255.255.255.0\";")]
    [InlineData("var u = \"0.0.0.0\";")]
    [InlineData("var u = \"1.2.3.4.5\";")]
    [InlineData("var u = \"v1.2.3.4\";")]
    [InlineData("var version = \"1.2.3.4\";")]
    [InlineData("var u = \"Microsoft.Extensions.Logging\";")]
    [InlineData("var u = \"com.example.app.cn\";")]
    [InlineData("var u = \"user.id\";")]
    [InlineData("var u = \"README.md\";")]
    [InlineData("var u = \"someone@tracker.cn\";")]
    [InlineData("var u = \"/static/app.cn\";")]
    [InlineData("var u = \"12:30:45\";")]
    [InlineData("var u = \"00:1a:2b:3c:4d:5e\";")]
    [InlineData("var u = \"a[::2]\";")]
    [InlineData("// https://api.tracker.cn/v1")]
    [InlineData("/* 185.199.108.153 */")]
    public void Scan_NotAnOffRegionEndpoint_IsQuiet(string code)
    {
        Assert.Equal("", ScanOne.Rules("a.cs", code));
    }

    [Fact]
    public void Scan_CallWithEndpoint_IsReportedOnceAsACall()
    {
        Assert.Equal("WSA0102@1", ScanOne.Rules("a.cs", "await http.GetAsync(\"https://api.tracker.cn/v1\");"));
        Assert.Equal("WSA0102@1", ScanOne.Rules("a.py", "requests.post('https://api.tracker.cn/v1', json=x)"));
        Assert.Equal("WSA0102@1", ScanOne.Rules("a.go", "resp, err := http.Get(\"https://api.tracker.cn/v1\")"));
    }

    [Fact]
    public void Scan_EndpointVariableUsedInACall_ReportsBothPlaces()
    {
        const string code = "const target = \"https://api.tracker.cn/v1\";\nfunction go() {\n  return fetch(target);\n}\n";

        Assert.Equal("WSA0101@1,WSA0102@3", ScanOne.Rules("a.js", code));
    }

    [Fact]
    public void Scan_EncodedEndpoint_IsReported()
    {
        var base64 = Convert.ToBase64String("wss://live.tracker.cn/x"u8);
        var base64Url = base64.Replace('+', '-').Replace('/', '_').TrimEnd('=');
        var hex = Convert.ToHexString("185.199.108.153:443"u8);

        Assert.Equal("WSA0103@1", ScanOne.Rules("a.ts", $"const a = \"{base64}\";"));
        Assert.Equal("WSA0103@1", ScanOne.Rules("a.ts", $"const a = \"{base64Url}\";"));
        Assert.Equal("WSA0103@1", ScanOne.Rules("a.ts", $"const a = \"{hex}\";"));
        Assert.Equal("", ScanOne.Rules("a.ts", $"const a = \"{Convert.ToBase64String("https://api.us.whisper.example/v1"u8)}\";"));
    }
}
