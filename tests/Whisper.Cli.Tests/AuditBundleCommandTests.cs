using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json.Nodes;

using Whisper.Fork.Keys;
using Whisper.Fork.Purge;

namespace Whisper.Cli.Tests;

public sealed class AuditBundleCommandTests
{
    [Fact]
    public async Task CreateThenVerify_RealRegistryCertificateAndReports_VerifiesPinned()
    {
        using var temp = new TempFolder();
        var evidence = await EvidenceAsync(temp);

        var create = await CliRun.RunAsync([.. CreateArgs(temp, evidence)]);
        var verify = await CliRun.RunAsync("audit-bundle", "verify", temp.File("bundle.wab"), "--public-key", evidence.Spki);

        Assert.True(create.ExitCode == ExitCodes.Ok, create.Error);
        Assert.Contains("signed by key " + Fingerprint(evidence.Spki), create.Out, StringComparison.Ordinal);
        Assert.True(verify.ExitCode == ExitCodes.Ok, verify.Out + verify.Error);
        Assert.Contains("OK ", verify.Out, StringComparison.Ordinal);
        Assert.Contains("7 files for region eu-west", verify.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("not pinned", verify.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_EditedRegistryEntry_FailsThroughTheLogProof()
    {
        using var temp = new TempFolder();
        var evidence = await EvidenceAsync(temp);
        var json = JsonNode.Parse(await File.ReadAllTextAsync(evidence.Registry))!;
        json["models"]![0]!["versionId"] = "ranker/test-2";
        await File.WriteAllTextAsync(evidence.Registry, json.ToJsonString());

        Assert.Equal(ExitCodes.Ok, (await CliRun.RunAsync([.. CreateArgs(temp, evidence)])).ExitCode);
        var verify = await CliRun.RunAsync("audit-bundle", "verify", temp.File("bundle.wab"), "--public-key", evidence.Spki);

        Assert.Equal(ExitCodes.Failed, verify.ExitCode);
        Assert.Contains("FAIL evidence/models/model-registry.json: ranker/test-2", verify.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_AlteredCertificateInsideTheBundle_FailsNamingIt()
    {
        using var temp = new TempFolder();
        var evidence = await EvidenceAsync(temp);
        Assert.Equal(ExitCodes.Ok, (await CliRun.RunAsync([.. CreateArgs(temp, evidence)])).ExitCode);
        using (var zip = ZipFile.Open(temp.File("bundle.wab"), ZipArchiveMode.Update))
        {
            var entry = zip.GetEntry("evidence/deletion-certificates/1-deletion-certificate.json")!;
            entry.Delete();
            using var stream = zip.CreateEntry(entry.FullName).Open();
            stream.Write("{}"u8);
        }

        var verify = await CliRun.RunAsync("audit-bundle", "verify", temp.File("bundle.wab"));

        Assert.Equal(ExitCodes.Failed, verify.ExitCode);
        Assert.Contains("FAIL evidence/deletion-certificates/1-deletion-certificate.json is 2 bytes", verify.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_OtherSigner_UnpinnedPrintsItsFingerprint_WrongPinFails()
    {
        using var temp = new TempFolder();
        var evidence = await EvidenceAsync(temp);
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        await File.WriteAllBytesAsync(temp.File("other.pkcs8"), other.ExportPkcs8PrivateKey());
        var create = await CliRun.RunAsync("audit-bundle", "create", "--out", temp.File("bundle.wab"), "--signing-key", temp.File("other.pkcs8"),
            "--region", "eu-west", "--sarif", evidence.Sarif);

        var unpinned = await CliRun.RunAsync("audit-bundle", "verify", temp.File("bundle.wab"));
        var wrongPin = await CliRun.RunAsync("audit-bundle", "verify", temp.File("bundle.wab"), "--public-key", evidence.Spki);

        var fingerprint = Fingerprint(other.ExportSubjectPublicKeyInfo());
        Assert.Equal(ExitCodes.Ok, create.ExitCode);
        Assert.Equal(ExitCodes.Ok, unpinned.ExitCode);
        Assert.Contains($"key not pinned: the bundle is consistent with its own key; compare {fingerprint}", unpinned.Out, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Failed, wrongPin.ExitCode);
        Assert.Contains($"signed by key {fingerprint}, not by the pinned key", wrongPin.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadInput_ExitsTwoWithOneLine()
    {
        using var temp = new TempFolder();
        await File.WriteAllTextAsync(temp.File("not-a-key"), "text");
        await File.WriteAllTextAsync(temp.File("not-a-bundle.wab"), "text");
        await File.WriteAllTextAsync(temp.File("report.sarif"), "{}");

        var badKey = await CliRun.RunAsync("audit-bundle", "create", "--out", temp.File("b.wab"), "--signing-key", temp.File("not-a-key"), "--region", "eu", "--sarif", temp.File("report.sarif"));
        var nothing = await CliRun.RunAsync("audit-bundle", "create", "--out", temp.File("b.wab"), "--signing-key", temp.File("not-a-key"), "--region", "eu");
        var registryWithoutKey = await CliRun.RunAsync("audit-bundle", "create", "--out", temp.File("b.wab"), "--signing-key", temp.File("not-a-key"), "--region", "eu", "--model-registry", temp.File("report.sarif"));
        var missingArtefact = await CliRun.RunAsync("audit-bundle", "create", "--out", temp.File("b.wab"), "--signing-key", temp.File("not-a-key"), "--region", "eu", "--sarif", temp.File("nope.sarif"));
        var notZip = await CliRun.RunAsync("audit-bundle", "verify", temp.File("not-a-bundle.wab"));
        var noBundle = await CliRun.RunAsync("audit-bundle", "verify", temp.File("absent.wab"));

        Assert.All([badKey, nothing, registryWithoutKey, missingArtefact, notZip, noBundle], r => Assert.Equal(ExitCodes.BadInput, r.ExitCode));
        Assert.Contains("is not a DER PKCS#8 ECDSA P-256 private key", badKey.Error, StringComparison.Ordinal);
        Assert.Contains("nothing to bundle", nothing.Error, StringComparison.Ordinal);
        Assert.Contains("add --tlog-public-key", registryWithoutKey.Error, StringComparison.Ordinal);
        Assert.Contains("--sarif", missingArtefact.Error, StringComparison.Ordinal);
        Assert.Contains("not a ZIP archive", notZip.Error, StringComparison.Ordinal);
        Assert.Contains("no bundle at", noBundle.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(temp.File("b.wab")));
    }

    private sealed record Evidence(string SigningKey, string Spki, string Registry, string LogKey, string Certificate, string Sarif, string Compliance);

    /// <summary>A real model registry (via 'whisper model approve'), a deletion certificate signed by a real region key directory, and two reports.</summary>
    private static async Task<Evidence> EvidenceAsync(TempFolder temp)
    {
        var log = temp.File("tlog");
        await File.WriteAllTextAsync(temp.File("ranker.bin"), "trees");
        var approve = await CliRun.RunAsync("model", "approve", "--checkpoint", temp.File("ranker.bin"), "--version", "ranker/test-1", "--approver", "board", "--log", log);
        Assert.True(approve.ExitCode == ExitCodes.Ok, approve.Error);

        var keys = temp.File("keys");
        Directory.CreateDirectory(temp.File("purge"));
        DeletionCertificateFile.Write(temp.File("purge"), Certificate(), FileKeyProvider.Create(keys));

        var head = await CliRun.RunAsync("tlog", "head", "--log", log);
        Assert.True(head.ExitCode == ExitCodes.Ok, head.Error);
        await File.WriteAllTextAsync(temp.File("head.json"), head.Out);
        await File.WriteAllTextAsync(temp.File("audit.sarif"), "{\"version\":\"2.1.0\",\"runs\":[]}");
        await File.WriteAllTextAsync(temp.File("compliance.json"), "{\"format\":\"whisper-compliance-report\",\"formatVersion\":1}");
        return new Evidence(Path.Combine(keys, FileKeyProvider.SigningKeyFileName), Path.Combine(keys, FileKeyProvider.VerificationKeyFileName), Path.Combine(log, "model-registry.json"),
            Path.Combine(log, "head-signing.spki"), Path.Combine(temp.File("purge"), DeletionCertificateFile.CertificateName), temp.File("audit.sarif"), temp.File("compliance.json"));
    }

    private static List<string> CreateArgs(TempFolder temp, Evidence e) =>
    [
        "audit-bundle", "create", "--out", temp.File("bundle.wab"), "--signing-key", e.SigningKey, "--region", "eu-west",
        "--model-registry", e.Registry, "--tlog-public-key", e.LogKey, "--certificate", e.Certificate, "--sarif", e.Sarif, "--compliance-json", e.Compliance,
        "--tlog-head", Path.Combine(Path.GetDirectoryName(e.Sarif)!, "head.json"),
    ];

    private static DeletionCertificate Certificate() => new()
    {
        Format = DeletionCertificate.CurrentFormat,
        FormatVersion = DeletionCertificate.CurrentFormatVersion,
        PurgeId = Guid.NewGuid(),
        PlannedAt = DateTimeOffset.UnixEpoch,
        IssuedAt = DateTimeOffset.UnixEpoch,
        Store = new PurgeStoreIdentity("sqlite", "origin.db"),
        TargetRegion = "eu-west",
        PolicySha256 = new string('0', 64),
        Manifest = new CertificateManifest(Guid.NewGuid(), new string('1', 64), new string('2', 64), DateTimeOffset.UnixEpoch),
        RetentionSeconds = 0,
        Residents = new CertificateResidents(1, 0, new string('3', 64)),
        EventHead = 0,
        ChangeHead = 0,
        Tables = [],
        OnlineFeatureEntities = 0,
        Checkpoints = [],
        Backups = [],
    };

    private static string Fingerprint(string spkiPath) => Fingerprint(File.ReadAllBytes(spkiPath));

    private static string Fingerprint(byte[] spki) => Convert.ToHexStringLower(SHA256.HashData(spki));
}
