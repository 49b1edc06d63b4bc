using System.Text.Json;

using Whisper.Security.Audit.Corpus;
using Whisper.Security.Compliance.Evidence;
using Whisper.Security.Egress;

namespace Whisper.Security.Tests.Compliance;

/// <summary>The egress, network-policy, audit, key-mode and detection probes, each passing and failing on temp roots.</summary>
public sealed class ProbeTests : IDisposable
{
    private readonly ComplianceFolder _root = new();

    public ProbeTests() => _root.Write("allowlists/us.json", AuditCorpus.SampleAllowlist);

    public void Dispose() => _root.Dispose();

    [Fact]
    public async Task EgressDenies_ForeignAddressNameAndMetadata_DeniedAndRegionAllowed()
    {
        var result = await RunAsync("egress-denies", """
            { "allowlist": "allowlists/us.json",
              "deny": ["203.0.113.7:443", "collector.example.net:443", "169.254.169.254:80", "[2001:db8::1]:443"],
              "allow": ["api.us.whisper.example:443", "10.1.2.3:5432"] }
            """);

        Assert.Equal(EvidenceStatus.Pass, result.Status);
        Assert.Contains("denied 4 of 4 (each logged, no connection), allowed 2 of 2", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EgressDenies_AllowlistLetsTheDestinationThrough_FailsNamingIt()
    {
        _root.Write("allowlists/us.json", """{ "region": "us", "dns": [], "cidrs": ["203.0.113.0/24", "10.0.0.0/8"] }""");

        var result = await RunAsync("egress-denies", """{ "allowlist": "allowlists/us.json", "deny": ["10.9.9.9:443", "203.0.113.7:443"] }""");

        Assert.Equal(EvidenceStatus.Fail, result.Status);
        Assert.Contains("10.9.9.9:443 is allowed (address-allowed", result.Detail, StringComparison.Ordinal);
        Assert.Contains("203.0.113.7:443 is allowed", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EgressDenies_AllowDestinationDenied_Fails()
    {
        var result = await RunAsync("egress-denies", """{ "allowlist": "allowlists/us.json", "deny": ["203.0.113.7:443"], "allow": ["8.8.8.8:53"] }""");

        Assert.Equal(EvidenceStatus.Fail, result.Status);
        Assert.Contains("8.8.8.8:53 is denied (address-not-allowed) but must be allowed", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EgressDenies_AllowlistAbsent_Missing()
    {
        var result = await RunAsync("egress-denies", """{ "allowlist": "allowlists/eu.json", "deny": ["203.0.113.7:443"] }""");

        Assert.Equal(EvidenceStatus.Missing, result.Status);
    }

    [Fact]
    public async Task NetworkPolicyMatches_GeneratedPolicy_PassesAndAnEditedOneFails()
    {
        var generated = EgressNetworkPolicy.ToYaml(EgressAllowlist.Parse(AuditCorpus.SampleAllowlist));
        _root.Write("deploy/egress.yaml", generated);
        const string Parameters = """{ "allowlist": "allowlists/us.json", "policy": "deploy/egress.yaml" }""";

        var matching = await RunAsync("network-policy-matches", Parameters);
        _root.Write("deploy/egress.yaml", generated.Replace("10.0.0.0/8", "0.0.0.0/1", StringComparison.Ordinal));
        var edited = await RunAsync("network-policy-matches", Parameters);

        Assert.Equal(EvidenceStatus.Pass, matching.Status);
        Assert.Equal(EvidenceStatus.Fail, edited.Status);
        Assert.Contains("regenerate it with 'whisper egress policy", edited.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuditClean_CleanTree_PassesAndASecretFails()
    {
        _root.Write("src/Client.cs", "var endpoint = \"https://api.us.whisper.example/v1\";\n");
        const string Parameters = """{ "path": "src", "allowlist": "allowlists/us.json", "exclude": ["**/bin/**"] }""";

        var clean = await RunAsync("audit-clean", Parameters);
        _root.Write("src/bin/Vendor.cs", $"var key = \"{CorpusValues.AwsKey}\";\n"); // excluded: build output
        var stillClean = await RunAsync("audit-clean", Parameters);
        _root.Write("src/Keys.cs", $"var key = \"{CorpusValues.AwsKey}\";\n");
        var dirty = await RunAsync("audit-clean", Parameters);

        Assert.Equal(EvidenceStatus.Pass, clean.Status);
        Assert.Equal(EvidenceStatus.Pass, stillClean.Status);
        Assert.Equal(EvidenceStatus.Fail, dirty.Status);
        Assert.Contains("1 findings at error or above, first WSA0201 at Keys.cs:1", dirty.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OwnerOnlyFiles_ModeDecides_AndWithoutInputNotRun()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // Unix file modes only; the probe itself reports not-run there.
        }

        var keys = Path.Combine(_root.Path, "keys");
        Directory.CreateDirectory(keys);
        File.SetUnixFileMode(keys, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var master = _root.Write("keys/master-1.key", "k");
        var spki = _root.Write("keys/signing.spki", "public");
        File.SetUnixFileMode(master, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.SetUnixFileMode(spki, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        var inputs = new Whisper.Security.Compliance.ComplianceInputs { KeyPaths = [keys] };

        var tight = await RunAsync("owner-only-files", "{}", inputs);
        File.SetUnixFileMode(master, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        var open = await RunAsync("owner-only-files", "{}", inputs);
        var none = await RunAsync("owner-only-files", "{}");

        Assert.Equal((EvidenceStatus.Pass, "1 key files owner-only"), (tight.Status, tight.Detail));
        Assert.Equal(EvidenceStatus.Fail, open.Status);
        Assert.Contains("master-1.key is mode 0644", open.Detail, StringComparison.Ordinal);
        Assert.Equal(EvidenceStatus.NotRun, none.Status);
        Assert.False(none.IsDrift);
    }

    [Fact]
    public async Task DetectionLab_DefaultThresholds_PassesAndAnImpossibleOneFails()
    {
        var met = await RunAsync("detection-lab", """{ "seed": 42, "minRecall": 0.9, "maxFalsePositiveRate": 0.01 }""");
        var unmet = await RunAsync("detection-lab", """{ "seed": 42, "minRecall": 0.9, "maxFalsePositiveRate": 0 }""");

        Assert.Equal(EvidenceStatus.Pass, met.Status);
        Assert.Contains("attacks caught", met.Detail, StringComparison.Ordinal);
        Assert.Equal(EvidenceStatus.Fail, unmet.Status);
        Assert.Contains("needs recall >= 0.9 and rate <= 0", unmet.Detail, StringComparison.Ordinal);
    }

    private Task<EvidenceResult> RunAsync(string probe, string parameters, Whisper.Security.Compliance.ComplianceInputs? inputs = null)
    {
        using var json = JsonDocument.Parse(parameters);
        return _root.CheckAsync(new ProbeEvidence(probe, json.RootElement.Clone(), null, 1), inputs);
    }
}
