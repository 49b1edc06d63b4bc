using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

using Whisper.Security.Evidence;

namespace Whisper.Security.Tests.Evidence;

public sealed class EvidenceBundleTests : IDisposable
{
    private static readonly DateTimeOffset Created = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private const string SarifPath = "evidence/sarif/audit.sarif";
    private const string CompliancePath = "evidence/compliance/controls.json";

    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public void Dispose() => _key.Dispose();

    [Fact]
    public void RoundTrip_VerifiesPinnedWithEveryFileListed()
    {
        var bundle = Bundle();

        var result = Verify(bundle, _key.ExportSubjectPublicKeyInfo());

        Assert.True(result.Valid, string.Join(Environment.NewLine, result.Problems));
        Assert.True(result.Pinned);
        Assert.Equal(EvidenceBundleWriter.Fingerprint(_key.ExportSubjectPublicKeyInfo()), result.SignerFingerprint);
        Assert.Equal("eu-west", result.Manifest!.Region);
        Assert.Equal(Created, result.Manifest.Created);
        Assert.Equal([SarifPath, CompliancePath], result.Manifest.Files.Select(f => f.Path));
        Assert.Equal(Sarif.Length, result.Manifest.Files[0].Size);
    }

    [Fact]
    public void FlippedByteInAnArtefact_FailsNamingIt()
    {
        var bundle = Rewrite(Bundle(), entries => entries[SarifPath][10] ^= 1);

        var result = Verify(bundle);

        Assert.False(result.Valid);
        Assert.Contains(result.Problems, p => p.StartsWith(SarifPath, StringComparison.Ordinal) && p.Contains("SHA-256", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(EvidenceBundleFormat.ManifestEntry)]
    [InlineData(EvidenceBundleFormat.SignatureEntry)]
    public void FlippedByteInManifestOrSignature_FailsTheSignature(string entry)
    {
        var bundle = Rewrite(Bundle(), entries => entries[entry][5] ^= 0x20);

        var result = Verify(bundle);

        Assert.False(result.Valid);
        Assert.Contains(result.Problems, p => p.Contains("does not verify", StringComparison.Ordinal));
        Assert.Null(result.Manifest);
    }

    [Fact]
    public void ExtraFile_FailsAsAnAddedFile()
    {
        var bundle = Rewrite(Bundle(), entries => entries["evidence/sarif/planted.sarif"] = Sarif);

        var result = Verify(bundle);

        Assert.Equal(["evidence/sarif/planted.sarif is in the archive but not in the manifest (an added file)."], result.Problems);
    }

    [Fact]
    public void RemovedFile_FailsAsMissing()
    {
        var bundle = Rewrite(Bundle(), entries => entries.Remove(CompliancePath));

        var result = Verify(bundle);

        Assert.Equal([$"{CompliancePath} is listed in the manifest but missing from the archive."], result.Problems);
    }

    [Theory]
    [InlineData("../outside.txt")]
    [InlineData("evidence/../../etc/passwd")]
    [InlineData("/etc/passwd")]
    [InlineData("evidence\\..\\x")]
    public void PathTraversalEntry_Fails(string name)
    {
        var bundle = Rewrite(Bundle(), entries => entries[name] = [1, 2, 3]);

        var result = Verify(bundle);

        Assert.Contains(result.Problems, p => p.Contains("path traversal", StringComparison.Ordinal) && p.Contains(name, StringComparison.Ordinal));
    }

    [Fact]
    public void OtherSigner_UnpinnedReportsItsFingerprint_PinnedToTheRegionKeyFails()
    {
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var bundle = Bundle(other);
        var otherFingerprint = EvidenceBundleWriter.Fingerprint(other.ExportSubjectPublicKeyInfo());

        var unpinned = Verify(bundle);
        var pinned = Verify(bundle, _key.ExportSubjectPublicKeyInfo());

        Assert.True(unpinned.Valid);
        Assert.False(unpinned.Pinned);
        Assert.Equal(otherFingerprint, unpinned.SignerFingerprint);
        Assert.False(pinned.Valid);
        Assert.Contains(otherFingerprint, Assert.Single(pinned.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void SwappedPublicKey_FailsTheSignatureEvenUnpinned()
    {
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var bundle = Rewrite(Bundle(), entries => entries[EvidenceBundleFormat.PublicKeyEntry] = other.ExportSubjectPublicKeyInfo());

        Assert.Contains(Verify(bundle).Problems, p => p.Contains("does not verify", StringComparison.Ordinal));
    }

    [Fact]
    public void ArtefactOfTheWrongKind_FailsItsKindCheck()
    {
        var bundle = Bundle(artefacts: [new EvidenceArtefact(SarifPath, EvidenceKinds.Sarif, Encoding.UTF8.GetBytes("{\"version\":\"1.0\"}"))]);

        var result = Verify(bundle);

        Assert.Equal([$"{SarifPath} is not a SARIF 2.1.0 log (no version \"2.1.0\" with a runs array)."], result.Problems);
    }

    [Fact]
    public void NotAZip_IsBadInput()
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes("just text"));
        Assert.Throws<EvidenceBundleInputException>(() => EvidenceBundleReader.Verify(stream, [], JsonEvidenceCheck.BuiltIn));
    }

    [Theory]
    [InlineData("evidence/../x.json")]
    [InlineData("manifest.json")]
    [InlineData("evidence/a b.json")]
    public void Write_UnsafePath_Refused(string path)
    {
        using var output = new MemoryStream();
        Assert.Throws<EvidenceBundleInputException>(() =>
            EvidenceBundleWriter.Write(output, "eu-west", Created, _key, [new EvidenceArtefact(path, EvidenceKinds.Sarif, Sarif)]));
    }

    private static readonly byte[] Sarif = Encoding.UTF8.GetBytes("{\"$schema\":\"https://json.schemastore.org/sarif-2.1.0.json\",\"version\":\"2.1.0\",\"runs\":[]}");

    private static readonly byte[] Compliance = Encoding.UTF8.GetBytes("{\"format\":\"whisper-compliance-report\",\"formatVersion\":1,\"controls\":[]}");

    private byte[] Bundle(ECDsa? key = null, IReadOnlyList<EvidenceArtefact>? artefacts = null)
    {
        using var output = new MemoryStream();
        EvidenceBundleWriter.Write(output, "eu-west", Created, key ?? _key, artefacts ??
        [
            new EvidenceArtefact(SarifPath, EvidenceKinds.Sarif, Sarif),
            new EvidenceArtefact(CompliancePath, EvidenceKinds.ComplianceReport, Compliance),
        ]);
        return output.ToArray();
    }

    private static EvidenceVerification Verify(byte[] bundle, byte[]? pinned = null)
    {
        using var stream = new MemoryStream(bundle);
        return EvidenceBundleReader.Verify(stream, pinned ?? [], JsonEvidenceCheck.BuiltIn);
    }

    /// <summary>Re-packs the archive after <paramref name="edit"/> changed its entries, as an attacker with the file could.</summary>
    private static byte[] Rewrite(byte[] bundle, Action<Dictionary<string, byte[]>> edit)
    {
        var entries = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        using (var zip = new ZipArchive(new MemoryStream(bundle), ZipArchiveMode.Read))
        {
            foreach (var entry in zip.Entries)
            {
                using var content = entry.Open();
                using var copy = new MemoryStream();
                content.CopyTo(copy);
                entries[entry.FullName] = copy.ToArray();
            }
        }

        edit(entries);
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, bytes) in entries)
            {
                using var stream = zip.CreateEntry(name).Open();
                stream.Write(bytes);
            }
        }

        return output.ToArray();
    }
}
