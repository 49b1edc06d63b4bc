using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

using Microsoft.Extensions.Time.Testing;

using Whisper.Security.Tls;

namespace Whisper.Security.Tests.Tls;

/// <summary>A temp folder with a CA in it, on a fake clock that starts at a fixed instant; deleted after the test.</summary>
internal sealed class CaFolder : IDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private CaFolder(string path, FakeTimeProvider clock, CertificateAuthority authority)
    {
        Path = path;
        Clock = clock;
        Authority = authority;
    }

    public string Path { get; }

    public FakeTimeProvider Clock { get; }

    public CertificateAuthority Authority { get; }

    public static CaFolder Create(CertificateAuthorityOptions? options = null)
    {
        var path = Directory.CreateTempSubdirectory("whisper-ca-test-").FullName;
        var clock = new FakeTimeProvider(Start);
        return new CaFolder(path, clock, CertificateAuthority.Init(System.IO.Path.Combine(path, "ca"), options, clock));
    }

    public string File(string name) => System.IO.Path.Combine(Authority.Directory, name);

    public IssuedCertificate Issue(string name, ServiceCertificateUsage usage = ServiceCertificateUsage.Both, int days = ServiceCertificateRequest.DefaultDays) =>
        Authority.Issue(new ServiceCertificateRequest { Name = name, Usage = usage, Days = days });

    /// <summary>A certificate signed by this CA's key but built by hand, for shapes the CA tool never issues.</summary>
    public X509Certificate2 SignByHand(string name, Action<CertificateRequest> extensions)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        extensions(request);
        var now = Clock.GetUtcNow();
        using var unkeyed = request.Create(Authority.Certificate, now, now.AddDays(10), CertificateAuthority.NewSerial());
        return unkeyed.CopyWithPrivateKey(key);
    }

    public void Dispose()
    {
        Authority.Dispose();
        Directory.Delete(Path, recursive: true);
    }
}
