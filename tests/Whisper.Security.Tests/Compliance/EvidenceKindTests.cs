using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

using Whisper.Security.Compliance.Evidence;

namespace Whisper.Security.Tests.Compliance;

public sealed class EvidenceKindTests : IDisposable
{
    private readonly ComplianceFolder _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public async Task File_Present_PassesWithItsSha256()
    {
        _root.Write("deploy/policy.yaml", "kind: NetworkPolicy\n");

        var result = await _root.CheckAsync(new FileEvidence("deploy/policy.yaml", null, 1));

        Assert.Equal(EvidenceStatus.Pass, result.Status);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("kind: NetworkPolicy\n"))), result.Sha256);
    }

    [Theory]
    [InlineData("deploy/absent.yaml", "deploy/absent.yaml does not exist")]
    [InlineData("deploy", "deploy is a folder")]
    public async Task File_AbsentOrAFolder_Missing(string path, string detail)
    {
        _root.Write("deploy/policy.yaml", "x");

        var result = await _root.CheckAsync(new FileEvidence(path, null, 1));

        Assert.Equal(EvidenceStatus.Missing, result.Status);
        Assert.StartsWith(detail, result.Detail, StringComparison.Ordinal);
        Assert.True(result.IsDrift);
    }

    [Theory]
    [InlineData("Threat model", EvidenceStatus.Pass)]
    [InlineData("Key files", EvidenceStatus.Pass)]
    [InlineData("Threat", EvidenceStatus.Missing)]
    [InlineData("Not a heading", EvidenceStatus.Missing)]
    [InlineData("Commented out", EvidenceStatus.Missing)]
    public async Task Doc_Heading_PassesOnlyForAWholeHeadingOutsideCode(string heading, EvidenceStatus expected)
    {
        _root.Write("docs/a.md", "# Title\n\nNot a heading\n\n```sh\n# Commented out\n```\n\n### Key files ###\n\n## Threat model\n");

        var result = await _root.CheckAsync(new DocEvidence("docs/a.md", heading, null, 1));

        Assert.Equal(expected, result.Status);
    }

    [Fact]
    public async Task Doc_FileAbsent_Missing()
    {
        var result = await _root.CheckAsync(new DocEvidence("docs/none.md", "Threat model", null, 1));

        Assert.Equal((EvidenceStatus.Missing, "docs/none.md does not exist"), (result.Status, result.Detail));
    }

    [Theory]
    [InlineData("GuardTests.Deny_Foreign_Refused", EvidenceStatus.Pass)]
    [InlineData("Deny_Foreign_Refused", EvidenceStatus.Pass)]
    [InlineData("Theory_WithData_Runs", EvidenceStatus.Pass)]
    [InlineData("OtherTests.Deny_Foreign_Refused", EvidenceStatus.Missing)]
    [InlineData("Helper_NotATest", EvidenceStatus.Missing)]
    [InlineData("Deny_Absent", EvidenceStatus.Missing)]
    [InlineData("Skipped_Test", EvidenceStatus.Fail)]
    public async Task Test_NamedMethod_PassesOnlyForAnActiveFactOrTheory(string name, EvidenceStatus expected)
    {
        _root.Write("tests/Security.Tests/GuardTests.cs", """
            /// <summary>Each record of the guard is checked.</summary>
            public sealed class GuardTests
            {
                // a record of denials
                [Fact]
                public async Task Deny_Foreign_Refused() => await Task.CompletedTask;

                [Theory]
                [InlineData(1)]
                public void Theory_WithData_Runs(int x) { }

                [Fact(Skip = "flaky")]
                public void Skipped_Test() { }

                private static void Helper_NotATest() { }
            }
            """);
        _root.Write("tests/Security.Tests/obj/Generated.cs", "class OtherTests { [Fact] public void Deny_Absent() { } }");

        var result = await _root.CheckAsync(new TestEvidence(name, null, 1));

        Assert.Equal(expected, result.Status);
        if (expected == EvidenceStatus.Pass)
        {
            Assert.Contains("tests/Security.Tests/GuardTests.cs", result.Detail, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Test_NoTestsFolder_Missing()
    {
        var result = await _root.CheckAsync(new TestEvidence("GuardTests.Deny_Foreign_Refused", null, 1));

        Assert.Equal(EvidenceStatus.Missing, result.Status);
        Assert.Contains("no tests/ folder", result.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/region", "equals", "\"us\"", EvidenceStatus.Pass)]
    [InlineData("/region", "equals", "\"eu\"", EvidenceStatus.Fail)]
    [InlineData("/version", "equals", "1", EvidenceStatus.Pass)]
    [InlineData("/cidrs", "type", "\"array\"", EvidenceStatus.Pass)]
    [InlineData("/cidrs", "type", "\"object\"", EvidenceStatus.Fail)]
    [InlineData("/cidrs", "contains", "\"10.0.0.0/8\"", EvidenceStatus.Pass)]
    [InlineData("/cidrs", "notContains", "\"0.0.0.0/0\"", EvidenceStatus.Pass)]
    [InlineData("/cidrs", "notContains", "\"10.0.0.0/8\"", EvidenceStatus.Fail)]
    [InlineData("/cidrs/1", "equals", "\"::1/128\"", EvidenceStatus.Pass)]
    [InlineData("/cidrs/2", "equals", "\"x\"", EvidenceStatus.Missing)]
    [InlineData("/a~1b", "equals", "{ \"on\": true }", EvidenceStatus.Pass)]
    [InlineData("/nothing/here", "type", "\"null\"", EvidenceStatus.Missing)]
    public async Task Config_PointerAndExpectation_DecideTheResult(string selector, string op, string value, EvidenceStatus expected)
    {
        _root.Write("allowlists/us.json", """{ "version": 1, "region": "us", "cidrs": ["10.0.0.0/8", "::1/128"], "a/b": { "on": true } }""");
        using var expectation = JsonDocument.Parse(value);

        var result = await _root.CheckAsync(new ConfigEvidence("allowlists/us.json", selector, new ConfigExpectation(op, expectation.RootElement.Clone()), null, 1));

        Assert.Equal(expected, result.Status);
    }

    [Fact]
    public async Task Config_ValueChanged_FailsSayingWhatItIs()
    {
        _root.Write("allowlists/us.json", """{ "region": "eu" }""");
        using var us = JsonDocument.Parse("\"us\"");

        var result = await _root.CheckAsync(new ConfigEvidence("allowlists/us.json", "/region", new ConfigExpectation("equals", us.RootElement.Clone()), null, 1));

        Assert.Equal((EvidenceStatus.Fail, "allowlists/us.json /region is \"eu\", expected \"us\""), (result.Status, result.Detail));
    }

    [Theory]
    [InlineData(null, EvidenceStatus.Missing)]
    [InlineData("{ \"region\": ", EvidenceStatus.Fail)]
    public async Task Config_FileAbsentOrNotJson_MissingOrFail(string? content, EvidenceStatus expected)
    {
        if (content is not null)
        {
            _root.Write("a.json", content);
        }

        using var us = JsonDocument.Parse("\"us\"");

        var result = await _root.CheckAsync(new ConfigEvidence("a.json", "/region", new ConfigExpectation("equals", us.RootElement.Clone()), null, 1));

        Assert.Equal(expected, result.Status);
    }
}
