using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

using Whisper.Security.Tls;

namespace Whisper.Security.Tests.Tls;

public sealed class CertificateAuthorityTests
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    [Fact]
    public void Init_NewFolder_WritesSelfSignedCaWithPathLengthZero()
    {
        using var folder = CaFolder.Create();

        using var ca = X509CertificateLoader.LoadCertificateFromFile(folder.File(CertificateAuthority.CertificateFileName));
        Assert.Equal("CN=Whisper local CA", ca.Subject);
        Assert.Equal(ca.Subject, ca.Issuer);
        Assert.False(ca.HasPrivateKey);
        var constraints = Assert.IsType<X509BasicConstraintsExtension>(ca.Extensions["2.5.29.19"]);
        Assert.True(constraints.CertificateAuthority && constraints.HasPathLengthConstraint && constraints.Critical);
        Assert.Equal(0, constraints.PathLengthConstraint);
        var usage = Assert.IsType<X509KeyUsageExtension>(ca.Extensions["2.5.29.15"]);
        Assert.Equal(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, usage.KeyUsages);
        Assert.NotNull(ca.Extensions["2.5.29.14"]);
        Assert.Equal(CaFolder.Start.AddDays(CertificateAuthorityOptions.DefaultDays).UtcDateTime, ca.NotAfter.ToUniversalTime());
        Assert.Equal(256, ca.GetECDsaPublicKey()!.KeySize);

        var pem = File.ReadAllText(folder.File(CertificateAuthority.KeyFileName));
        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", pem, StringComparison.Ordinal);
        Assert.DoesNotContain("PRIVATE KEY", File.ReadAllText(folder.File(CertificateAuthority.CertificateFileName)), StringComparison.Ordinal);
    }

    [Fact]
    public void Init_KeyFile_IsOwnerOnly()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // Unix file modes only.
        }

        using var folder = CaFolder.Create();

        Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(folder.File(CertificateAuthority.KeyFileName)));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(folder.Authority.Directory));
    }

    [Fact]
    public void Init_FolderWithCa_RefusesAndKeepsTheOldOne()
    {
        using var folder = CaFolder.Create();
        var before = File.ReadAllText(folder.File(CertificateAuthority.KeyFileName));

        var e = Assert.Throws<CertificateAuthorityException>(() => CertificateAuthority.Init(folder.Authority.Directory));

        Assert.Contains("refusing to overwrite", e.Message, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllText(folder.File(CertificateAuthority.KeyFileName)));
    }

    [Fact]
    public void Init_OnlyKeyLeft_StillRefuses()
    {
        using var folder = CaFolder.Create();
        File.Delete(folder.File(CertificateAuthority.CertificateFileName));

        Assert.Throws<CertificateAuthorityException>(() => CertificateAuthority.Init(folder.Authority.Directory));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(CertificateAuthorityOptions.MaxDays + 1)]
    public void Init_DaysOutOfRange_RefusesWithoutWriting(int days)
    {
        var path = Path.Combine(Path.GetTempPath(), "whisper-ca-test-" + Guid.NewGuid().ToString("N"));

        var e = Assert.Throws<CertificateAuthorityException>(() => CertificateAuthority.Init(path, new CertificateAuthorityOptions { Days = days }));

        Assert.Contains($"{days} days", e.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(path));
    }

    [Fact]
    public void Init_P384_IssuesP384WithSha384()
    {
        using var folder = CaFolder.Create(new CertificateAuthorityOptions { Curve = CertificateKeyCurve.P384, CommonName = "Whisper eu CA" });
        using var issued = folder.Issue("feed-server");

        Assert.Equal(CertificateKeyCurve.P384, folder.Authority.Curve);
        Assert.Equal(384, issued.Certificate.GetECDsaPublicKey()!.KeySize);
        Assert.Equal("1.2.840.10045.4.3.3", issued.Certificate.SignatureAlgorithm.Value); // ecdsa-with-SHA384
        Assert.Equal("CN=Whisper eu CA", issued.Certificate.Issuer);
    }

    [Fact]
    public void Issue_Service_HasNamesUsagesKeyIdsAndValidity()
    {
        using var folder = CaFolder.Create();
        using var issued = folder.Authority.Issue(new ServiceCertificateRequest
        {
            Name = "feed-server",
            DnsNames = ["localhost", "feed-server", "feed.whisper.svc"],
            IpAddresses = [IPAddress.Loopback, IPAddress.IPv6Loopback],
        });
        var certificate = issued.Certificate;

        Assert.Equal("CN=feed-server", certificate.Subject);
        Assert.Equal(folder.Authority.Certificate.Subject, certificate.Issuer);
        var sans = Assert.Single(certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>());
        Assert.Equal(["feed-server", "localhost", "feed.whisper.svc"], sans.EnumerateDnsNames());
        Assert.Equal([IPAddress.Loopback, IPAddress.IPv6Loopback], sans.EnumerateIPAddresses());
        Assert.Equal(["1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2"], Usages(certificate));
        var constraints = Assert.Single(certificate.Extensions.OfType<X509BasicConstraintsExtension>());
        Assert.False(constraints.CertificateAuthority);
        Assert.Equal(X509KeyUsageFlags.DigitalSignature, Assert.Single(certificate.Extensions.OfType<X509KeyUsageExtension>()).KeyUsages);

        var authorityKeyId = Assert.Single(certificate.Extensions.OfType<X509AuthorityKeyIdentifierExtension>()).KeyIdentifier!.Value.ToArray();
        var caKeyId = Assert.Single(folder.Authority.Certificate.Extensions.OfType<X509SubjectKeyIdentifierExtension>()).SubjectKeyIdentifierBytes.ToArray();
        Assert.Equal(caKeyId, authorityKeyId);

        Assert.Equal(CaFolder.Start.AddDays(ServiceCertificateRequest.DefaultDays).UtcDateTime, certificate.NotAfter.ToUniversalTime());
        Assert.True(certificate.NotBefore.ToUniversalTime() <= CaFolder.Start.UtcDateTime);
        var serial = certificate.SerialNumberBytes.ToArray();
        Assert.Equal(16, serial.Length);
    }

    [Fact]
    public void Issue_Service_ChainsToCaAndKeyFileMatches()
    {
        using var folder = CaFolder.Create();
        using var issued = folder.Issue("feed-client");

        using var loaded = X509Certificate2.CreateFromPemFile(issued.CertificatePath, issued.KeyPath);
        Assert.True(loaded.HasPrivateKey);
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(folder.Authority.Certificate);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTimeIgnored = false;
        chain.ChainPolicy.VerificationTime = CaFolder.Start.UtcDateTime.AddDays(1);
        Assert.True(chain.Build(loaded), string.Join("; ", chain.ChainStatus.Select(static s => s.StatusInformation)));
        Assert.Equal(2, chain.ChainElements.Count);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(issued.KeyPath));
        }
    }

    [Fact]
    public void Issue_ServerOnlyAndClientOnly_CarryOneUsage()
    {
        using var folder = CaFolder.Create();
        using var server = folder.Issue("edge", ServiceCertificateUsage.Server);
        using var client = folder.Issue("batch-job", ServiceCertificateUsage.Client);

        Assert.Equal(["1.3.6.1.5.5.7.3.1"], Usages(server.Certificate));
        Assert.Equal(["1.3.6.1.5.5.7.3.2"], Usages(client.Certificate));
    }

    [Fact]
    public void Issue_ManyServices_SerialsDiffer()
    {
        using var folder = CaFolder.Create();
        var serials = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < 20; i++)
        {
            using var issued = folder.Issue($"service-{i}");
            Assert.True(serials.Add(issued.Certificate.SerialNumber));
        }

        for (var i = 0; i < 10_000; i++)
        {
            var serial = CertificateAuthority.NewSerial();
            Assert.Equal(0x40, serial[0] & 0xC0); // positive and without a leading zero byte, so always 16 bytes
            Assert.True(serials.Add(Convert.ToHexString(serial)));
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("Feed-Server")]
    [InlineData("../ca")]
    [InlineData("feed/server")]
    [InlineData("-feed")]
    [InlineData("feed..server")]
    [InlineData("*.whisper")]
    public void Issue_BadName_RefusesWithoutWriting(string name)
    {
        using var folder = CaFolder.Create();
        var files = Directory.GetFiles(folder.Authority.Directory).Length;

        var e = Assert.Throws<CertificateAuthorityException>(() => folder.Issue(name));

        Assert.Contains($"Service name '{name}' is not a valid name", e.Message, StringComparison.Ordinal);
        Assert.Equal(files, Directory.GetFiles(folder.Authority.Directory).Length);
    }

    [Fact]
    public void Issue_BadDnsSan_Refuses()
    {
        using var folder = CaFolder.Create();

        var e = Assert.Throws<CertificateAuthorityException>(() => folder.Authority.Issue(new ServiceCertificateRequest { Name = "feed", DnsNames = ["bad name"] }));

        Assert.Contains("DNS name 'bad name'", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Issue_DaysNotPositive_Refuses(int days)
    {
        using var folder = CaFolder.Create();

        var e = Assert.Throws<CertificateAuthorityException>(() => folder.Issue("feed", days: days));

        Assert.Contains("must be at least 1", e.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(folder.File("feed.crt")));
    }

    [Fact]
    public void Issue_DaysBeyondCa_RefusesNamingTheMost()
    {
        using var folder = CaFolder.Create(new CertificateAuthorityOptions { Days = 30 });
        folder.Clock.Advance(TimeSpan.FromDays(10));

        var e = Assert.Throws<CertificateAuthorityException>(() => folder.Issue("feed", days: 21));

        Assert.Contains("after the CA expires", e.Message, StringComparison.Ordinal);
        Assert.Contains("use at most 20 days", e.Message, StringComparison.Ordinal);
        using var fits = folder.Issue("feed", days: 20);
        Assert.Equal(CaFolder.Start.AddDays(30).UtcDateTime, fits.Certificate.NotAfter.ToUniversalTime());
    }

    [Fact]
    public void Issue_CaExpired_Refuses()
    {
        using var folder = CaFolder.Create(new CertificateAuthorityOptions { Days = 30 });
        folder.Clock.Advance(TimeSpan.FromDays(31));

        var e = Assert.Throws<CertificateAuthorityException>(() => folder.Issue("feed", days: 1));

        Assert.Contains("expired", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Issue_RightAfterInit_NeverStartsBeforeCa()
    {
        using var folder = CaFolder.Create();
        using var issued = folder.Issue("feed");

        Assert.True(issued.Certificate.NotBefore >= folder.Authority.Certificate.NotBefore);
    }

    [Fact]
    public void Issue_ExistingService_RefusesUnlessReplace()
    {
        using var folder = CaFolder.Create();
        using var first = folder.Issue("feed");

        var e = Assert.Throws<CertificateAuthorityException>(() => folder.Issue("feed"));
        Assert.Contains("--replace", e.Message, StringComparison.Ordinal);
        Assert.Equal(first.Certificate.RawData, X509CertificateLoader.LoadCertificateFromFile(first.CertificatePath).RawData);

        using var second = folder.Authority.Issue(new ServiceCertificateRequest { Name = "feed", Replace = true });
        using var onDisk = X509Certificate2.CreateFromPemFile(second.CertificatePath, second.KeyPath);
        Assert.Equal(second.Certificate.SerialNumber, onDisk.SerialNumber);
        Assert.NotEqual(first.Certificate.SerialNumber, onDisk.SerialNumber);
        Assert.Empty(Directory.GetFiles(folder.Authority.Directory, "*.tmp"));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(second.KeyPath));
        }
    }

    [Fact]
    public void Open_ExistingCa_IssuesWithTheSameKey()
    {
        using var folder = CaFolder.Create();
        using var reopened = CertificateAuthority.Open(folder.Authority.Directory, folder.Clock);
        using var issued = reopened.Issue(new ServiceCertificateRequest { Name = "feed" });

        Assert.Equal(folder.Authority.Certificate.Thumbprint, reopened.Certificate.Thumbprint);
        Assert.True(new MutualTlsPolicy(folder.Authority.Certificate, time: folder.Clock).Validate(issued.Certificate, TlsPeerRole.Client).Accepted);
    }

    [Fact]
    public void Open_NoCa_RefusesNamingInit()
    {
        var path = Directory.CreateTempSubdirectory("whisper-ca-test-").FullName;
        try
        {
            var e = Assert.Throws<CertificateAuthorityException>(() => CertificateAuthority.Open(path));

            Assert.Contains("whisper ca init", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(path, recursive: true);
        }
    }

    [Fact]
    public void Open_KeyOfAnotherCa_Refuses()
    {
        using var folder = CaFolder.Create();
        using var other = CaFolder.Create();
        File.Copy(other.File(CertificateAuthority.KeyFileName), folder.File(CertificateAuthority.KeyFileName), overwrite: true);

        var e = Assert.Throws<CertificateAuthorityException>(() => CertificateAuthority.Open(folder.Authority.Directory));

        Assert.Contains("matching PKCS#8 key", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_ServiceCertificateAsCa_Refuses()
    {
        using var folder = CaFolder.Create();
        using var issued = folder.Issue("feed");
        var fake = Directory.CreateDirectory(Path.Combine(folder.Path, "fake")).FullName;
        File.Copy(issued.CertificatePath, Path.Combine(fake, CertificateAuthority.CertificateFileName));
        File.Copy(issued.KeyPath, Path.Combine(fake, CertificateAuthority.KeyFileName));

        var e = Assert.Throws<CertificateAuthorityException>(() => CertificateAuthority.Open(fake));

        Assert.Contains("not a CA certificate", e.Message, StringComparison.Ordinal);
    }

    private static string[] Usages(X509Certificate2 certificate) =>
        [.. Assert.Single(certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>()).EnhancedKeyUsages.Cast<Oid>().Select(static o => o.Value ?? "")];
}
