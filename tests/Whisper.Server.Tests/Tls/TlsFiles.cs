using System.Net;

using Whisper.Security.Tls;
using Whisper.Server.Tls;

namespace Whisper.Server.Tests.Tls;

/// <summary>
/// The files <c>whisper ca</c> would write, in a temp folder: the deployment's CA with a server certificate and
/// clients of every kind the tests need (valid, unlisted, server-only, expired), and a second, unrelated CA with a
/// client of its own. Deleted on dispose.
/// </summary>
public sealed class TlsFiles : IDisposable
{
    public const string Server = "feed-server";
    public const string Client = "feed-client";
    public const string Unlisted = "rogue-client";
    public const string ServerOnly = "server-only";
    public const string Expired = "expired-client";

    private TlsFiles(string root)
    {
        Root = root;
    }

    public string Root { get; }

    public string CaDirectory => Path.Combine(Root, "ca");

    public string OtherCaDirectory => Path.Combine(Root, "other-ca");

    public string CaPath => Path.Combine(CaDirectory, CertificateAuthority.CertificateFileName);

    public string OtherCaPath => Path.Combine(OtherCaDirectory, CertificateAuthority.CertificateFileName);

    public static TlsFiles Create()
    {
        var files = new TlsFiles(Directory.CreateTempSubdirectory("whisper-tls-test-").FullName);
        // The CA was made 200 days ago, so a 30-day certificate issued back then is expired now.
        var clock = new SettableClock(DateTimeOffset.UtcNow.AddDays(-200));
        using (var ca = CertificateAuthority.Init(files.CaDirectory, time: clock))
        {
            Issue(ca, Expired, days: 30);
            clock.Now = DateTimeOffset.UtcNow;
            ca.Issue(new ServiceCertificateRequest
            {
                Name = Server,
                DnsNames = ["localhost"],
                IpAddresses = [IPAddress.Loopback, IPAddress.IPv6Loopback],
                Usage = ServiceCertificateUsage.Server,
            }).Dispose();
            Issue(ca, Client);
            Issue(ca, Unlisted);
            Issue(ca, ServerOnly, usage: ServiceCertificateUsage.Server);
        }

        using (var other = CertificateAuthority.Init(files.OtherCaDirectory))
        {
            Issue(other, Client);
        }

        return files;
    }

    /// <summary>The server's settings: mutual TLS with the deployment's CA.</summary>
    public TlsSettings ServerSettings(params string[] allowedClients) => new()
    {
        CertificatePath = CertificatePath(Server),
        KeyPath = KeyPath(Server),
        ClientCaPath = CaPath,
        AllowedClients = allowedClients,
    };

    public string CertificatePath(string name, bool otherCa = false) => Path.Combine(otherCa ? OtherCaDirectory : CaDirectory, name + ".crt");

    public string KeyPath(string name, bool otherCa = false) => Path.Combine(otherCa ? OtherCaDirectory : CaDirectory, name + ".key");

    /// <summary><paramref name="name"/>'s certificate (from the other CA when <paramref name="otherCa"/>), checking servers against <paramref name="trust"/>.</summary>
    public ServiceIdentity Identity(string name, bool otherCa = false, string? trust = null) =>
        ServiceIdentity.Load(CertificatePath(name, otherCa), KeyPath(name, otherCa), trust ?? CaPath);

    public void Dispose() => Directory.Delete(Root, recursive: true);

    private static void Issue(CertificateAuthority ca, string name, int days = ServiceCertificateRequest.DefaultDays, ServiceCertificateUsage usage = ServiceCertificateUsage.Both) =>
        ca.Issue(new ServiceCertificateRequest { Name = name, Days = days, Usage = usage }).Dispose();

    private sealed class SettableClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
