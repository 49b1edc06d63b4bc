using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

using Whisper.Security.Tls;

namespace Whisper.Security.Tests.Tls;

public sealed class MutualTlsPolicyTests
{
    [Fact]
    public void Validate_CertificateOfTheCa_AcceptedWithName()
    {
        using var folder = CaFolder.Create();
        using var issued = folder.Issue("feed-client");

        var verdict = Policy(folder).Validate(issued.Certificate, TlsPeerRole.Client);

        Assert.True(verdict.Accepted, verdict.Reason);
        Assert.Equal(MutualTlsOutcome.Accepted, verdict.Outcome);
        Assert.Equal("feed-client", verdict.ServiceName);
        Assert.Contains("accepted as client", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NoCertificate_Refused()
    {
        using var folder = CaFolder.Create();

        var verdict = Policy(folder).Validate(null, TlsPeerRole.Client);

        Assert.Equal(MutualTlsOutcome.NoCertificate, verdict.Outcome);
        Assert.False(verdict.Accepted);
    }

    [Fact]
    public void Validate_CertificateOfAnotherCa_UntrustedIssuer()
    {
        using var folder = CaFolder.Create();
        using var other = CaFolder.Create();
        using var foreign = other.Issue("feed-client");

        var verdict = Policy(folder).Validate(foreign.Certificate, TlsPeerRole.Client);

        Assert.Equal(MutualTlsOutcome.UntrustedIssuer, verdict.Outcome);
        Assert.Contains("does not chain to this CA", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_AnotherCaWithTheSameName_UntrustedIssuer()
    {
        // Same subject, other key: only the CA's key, never its name, makes a certificate trusted.
        using var folder = CaFolder.Create();
        using var impostor = CaFolder.Create();
        using var forged = impostor.Issue("feed-client");
        Assert.Equal(folder.Authority.Certificate.Subject, forged.Certificate.Issuer);

        Assert.Equal(MutualTlsOutcome.UntrustedIssuer, Policy(folder).Validate(forged.Certificate, TlsPeerRole.Client).Outcome);
    }

    [Fact]
    public void Validate_SelfSigned_UntrustedIssuer()
    {
        using var folder = CaFolder.Create();
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=feed-client", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], false));
        using var selfSigned = request.CreateSelfSigned(CaFolder.Start.AddDays(-1), CaFolder.Start.AddDays(1));

        Assert.Equal(MutualTlsOutcome.UntrustedIssuer, Policy(folder).Validate(selfSigned, TlsPeerRole.Client).Outcome);
    }

    [Fact]
    public void Validate_NamesWithLineBreaks_ReasonStaysOneBoundedLine()
    {
        using var folder = CaFolder.Create();
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var subject = new X500DistinguishedNameBuilder();
        subject.AddCommonName("evil\nWarning forged log line " + new string('x', 500));
        using var forged = new CertificateRequest(subject.Build(), key, HashAlgorithmName.SHA256).CreateSelfSigned(CaFolder.Start.AddDays(-1), CaFolder.Start.AddDays(1));

        var verdict = Policy(folder).Validate(forged, TlsPeerRole.Client);

        Assert.Equal(MutualTlsOutcome.UntrustedIssuer, verdict.Outcome);
        Assert.DoesNotContain('\n', verdict.Reason);
        Assert.Contains("evil?Warning", verdict.Reason, StringComparison.Ordinal);
        Assert.True(verdict.Reason.Length < 600, verdict.Reason);
    }

    [Fact]
    public void Validate_LeafUnderAnIntermediate_UntrustedIssuer()
    {
        // The CA has path length 0: a CA certificate it signed by hand still cannot vouch for anyone.
        using var folder = CaFolder.Create();
        using var intermediate = folder.SignByHand("rogue-intermediate", static r =>
        {
            r.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
            r.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
        });
        using var leafKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var leafRequest = new CertificateRequest("CN=feed-client", leafKey, HashAlgorithmName.SHA256);
        leafRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], false));
        using var leaf = leafRequest.Create(intermediate, CaFolder.Start, CaFolder.Start.AddDays(1), CertificateAuthority.NewSerial());

        Assert.Equal(MutualTlsOutcome.UntrustedIssuer, Policy(folder).Validate(leaf, TlsPeerRole.Client).Outcome);

        // Even a verifier that is handed the intermediate refuses the chain, because of the CA's path length 0.
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(folder.Authority.Certificate);
        chain.ChainPolicy.ExtraStore.Add(intermediate);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTimeIgnored = false;
        chain.ChainPolicy.VerificationTime = CaFolder.Start.UtcDateTime.AddHours(1);
        Assert.False(chain.Build(leaf));
        Assert.Contains(chain.ChainStatus, static s => s.Status.HasFlag(X509ChainStatusFlags.InvalidBasicConstraints));
    }

    [Fact]
    public void Validate_AfterExpiry_NotTimeValid()
    {
        using var folder = CaFolder.Create();
        using var issued = folder.Issue("feed-client", days: 30);
        var policy = Policy(folder);

        folder.Clock.Advance(TimeSpan.FromDays(30) - TimeSpan.FromMinutes(1));
        Assert.True(policy.Validate(issued.Certificate, TlsPeerRole.Client).Accepted);

        folder.Clock.Advance(TimeSpan.FromMinutes(2));
        var verdict = policy.Validate(issued.Certificate, TlsPeerRole.Client);
        Assert.Equal(MutualTlsOutcome.NotTimeValid, verdict.Outcome);
        Assert.Contains("expired at 2026-03-31T12:00:00Z", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_BeforeNotBefore_NotTimeValid()
    {
        using var folder = CaFolder.Create();
        folder.Clock.Advance(TimeSpan.FromDays(1));
        using var issued = folder.Issue("feed-client");
        var policy = new MutualTlsPolicy(folder.Authority.Certificate, time: new Microsoft.Extensions.Time.Testing.FakeTimeProvider(CaFolder.Start));

        var verdict = policy.Validate(issued.Certificate, TlsPeerRole.Client);

        Assert.Equal(MutualTlsOutcome.NotTimeValid, verdict.Outcome);
        Assert.Contains("is not valid before", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ServerOnlyAsClient_WrongUsage()
    {
        using var folder = CaFolder.Create();
        using var server = folder.Issue("edge", ServiceCertificateUsage.Server);
        var policy = Policy(folder);

        var verdict = policy.Validate(server.Certificate, TlsPeerRole.Client);

        Assert.Equal(MutualTlsOutcome.WrongUsage, verdict.Outcome);
        Assert.Contains("clientAuth", verdict.Reason, StringComparison.Ordinal);
        Assert.True(policy.Validate(server.Certificate, TlsPeerRole.Server).Accepted);
    }

    [Fact]
    public void Validate_ClientOnlyAsServer_WrongUsage()
    {
        using var folder = CaFolder.Create();
        using var client = folder.Issue("batch-job", ServiceCertificateUsage.Client);
        var policy = Policy(folder);

        Assert.Equal(MutualTlsOutcome.WrongUsage, policy.Validate(client.Certificate, TlsPeerRole.Server).Outcome);
        Assert.True(policy.Validate(client.Certificate, TlsPeerRole.Client).Accepted);
    }

    [Fact]
    public void Validate_NoExtendedKeyUsage_WrongUsage()
    {
        // RFC 5280 reads a missing EKU as "any purpose"; the policy does not, since the CA tool always writes one.
        using var folder = CaFolder.Create();
        using var bare = folder.SignByHand("feed-client", static r => r.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true)));

        Assert.Equal(MutualTlsOutcome.WrongUsage, Policy(folder).Validate(bare, TlsPeerRole.Client).Outcome);
    }

    [Fact]
    public void Validate_AllowedNames_OnlyListedServicesAccepted()
    {
        using var folder = CaFolder.Create();
        using var listed = folder.Issue("feed-client");
        using var unlisted = folder.Issue("rogue-client");
        var policy = new MutualTlsPolicy(folder.Authority.Certificate, ["FEED-CLIENT", "ingest"], folder.Clock);

        Assert.True(policy.Validate(listed.Certificate, TlsPeerRole.Client).Accepted);
        var verdict = policy.Validate(unlisted.Certificate, TlsPeerRole.Client);
        Assert.Equal(MutualTlsOutcome.NameNotAllowed, verdict.Outcome);
        Assert.Equal("rogue-client", verdict.ServiceName);
        Assert.Contains("not on the allowed list", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_EmptyAllowedList_RefusesEveryone()
    {
        using var folder = CaFolder.Create();
        using var issued = folder.Issue("feed-client");

        Assert.Equal(MutualTlsOutcome.NameNotAllowed, new MutualTlsPolicy(folder.Authority.Certificate, [], folder.Clock).Validate(issued.Certificate, TlsPeerRole.Client).Outcome);
    }

    [Fact]
    public void ServiceIdentity_Load_ReadsCertificateKeyAndCa()
    {
        using var folder = CaFolder.Create();
        using var issued = folder.Issue("feed-server");

        using var identity = ServiceIdentity.Load(issued.CertificatePath, issued.KeyPath, folder.Authority.CertificatePath);

        Assert.True(identity.Certificate.HasPrivateKey);
        Assert.False(identity.Authority.HasPrivateKey);
        Assert.True(identity.Policy(time: folder.Clock).Validate(identity.Certificate, TlsPeerRole.Server).Accepted);
    }

    [Fact]
    public void ServiceIdentity_KeyOfAnotherService_Refused()
    {
        using var folder = CaFolder.Create();
        using var a = folder.Issue("a");
        using var b = folder.Issue("b");

        var e = Assert.Throws<CertificateAuthorityException>(() => ServiceIdentity.Load(a.CertificatePath, b.KeyPath, folder.Authority.CertificatePath));

        Assert.Contains("matching PKCS#8 key", e.Message, StringComparison.Ordinal);
    }

    private static MutualTlsPolicy Policy(CaFolder folder) => new(folder.Authority.Certificate, time: folder.Clock);
}
