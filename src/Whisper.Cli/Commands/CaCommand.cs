using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

using Whisper.Cli.Console;
using Whisper.Security.Tls;

namespace Whisper.Cli.Commands;

/// <summary>
/// <c>whisper ca init|issue</c>: the local certificate authority for mutual TLS between services
/// (docs/security/mtls.md). Prints paths, fingerprints, serials and dates, never key material. Bad input, an existing
/// CA or certificate, and a validity past the CA's are exit 2 with one line.
/// </summary>
public static class CaCommand
{
    public static Command Create(CliConsole console) => new("ca", "Local certificate authority for mutual TLS between services: create it, issue service certificates.")
    {
        Init(console),
        Issue(console),
    };

    private static Option<string> DirOption() => new("--dir")
    {
        Description = "The CA folder: ca.crt, ca.key (0600) and the issued <name>.crt / <name>.key.",
        Required = true,
    };

    private static Command Init(CliConsole console)
    {
        var dir = DirOption();
        var name = new Option<string>("--name") { Description = "The CA's common name.", DefaultValueFactory = _ => new CertificateAuthorityOptions().CommonName };
        var days = new Option<int>("--days") { Description = "Days until the CA expires (default 5 years).", DefaultValueFactory = _ => CertificateAuthorityOptions.DefaultDays };
        var curve = new Option<CertificateKeyCurve>("--curve") { Description = "ECDSA curve: p256 (default) or p384; issued certificates use the same.", DefaultValueFactory = _ => CertificateKeyCurve.P256 };
        var command = new Command("init", "Create a CA (self-signed, ECDSA, path length 0) in a folder; refuses a folder that already has one.") { dir, name, days, curve };
        command.SetAction(parse =>
        {
            var folder = parse.GetValue(dir)!;
            var options = new CertificateAuthorityOptions { CommonName = parse.GetValue(name)!, Days = parse.GetValue(days), Curve = parse.GetValue(curve) };
            using var ca = Refusing(() => CertificateAuthority.Init(folder, options));
            var certificate = ca.Certificate;
            console.Out.WriteLine($"created CA '{certificate.Subject}' ({ca.Curve}) in {folder}, valid until {Day(certificate.NotAfter)}");
            console.Out.WriteLine($"  {ca.CertificatePath}  sha256 {Fingerprint(certificate)}: give it to every service (--client-ca)");
            console.Out.WriteLine($"  {ca.KeyPath}  private key, mode 0600: keep it where certificates are issued, never on a service");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Issue(CliConsole console)
    {
        var dir = DirOption();
        var name = new Option<string>("--name") { Description = "Service name: the CN, the first DNS SAN and the file names (lower-case DNS name, e.g. feed-server).", Required = true };
        var dns = new Option<string[]>("--dns") { Description = "More DNS SANs (e.g. localhost). Repeat for several.", AllowMultipleArgumentsPerToken = true };
        var ips = new Option<string[]>("--ip") { Description = "IP SANs (e.g. 127.0.0.1, ::1). Repeat for several.", AllowMultipleArgumentsPerToken = true };
        var days = new Option<int>("--days") { Description = "Days until the certificate expires; never past the CA's expiry.", DefaultValueFactory = _ => ServiceCertificateRequest.DefaultDays };
        var usage = new Option<ServiceCertificateUsage>("--usage") { Description = "Extended key usage: both (default), server or client.", DefaultValueFactory = _ => ServiceCertificateUsage.Both };
        var replace = new Option<bool>("--replace") { Description = "Replace the service's existing certificate and key (rotation)." };
        var command = new Command("issue", "Issue a certificate and key for one service, signed by the CA in --dir.") { dir, name, dns, ips, days, usage, replace };
        command.SetAction(parse =>
        {
            var request = new ServiceCertificateRequest
            {
                Name = parse.GetValue(name)!,
                DnsNames = parse.GetValue(dns) ?? [],
                IpAddresses = ParseAddresses(parse.GetValue(ips)),
                Days = parse.GetValue(days),
                Usage = parse.GetValue(usage),
                Replace = parse.GetValue(replace),
            };
            using var ca = Refusing(() => CertificateAuthority.Open(parse.GetValue(dir)!));
            using var issued = Refusing(() => ca.Issue(request));
            var certificate = issued.Certificate;
            var sans = certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().FirstOrDefault();
            var names = sans is null ? [] : sans.EnumerateDnsNames().Select(static n => "DNS:" + n).Concat(sans.EnumerateIPAddresses().Select(static a => "IP:" + a));
            console.Out.WriteLine($"issued '{request.Name}' ({request.Usage}) serial {certificate.SerialNumber}, valid until {Day(certificate.NotAfter)}, SANs {string.Join(", ", names)}");
            console.Out.WriteLine($"  {issued.CertificatePath}  sha256 {Fingerprint(certificate)}");
            console.Out.WriteLine($"  {issued.KeyPath}  private key, mode 0600");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static IPAddress[] ParseAddresses(string[]? values)
    {
        var addresses = new List<IPAddress>();
        foreach (var value in values ?? [])
        {
            if (!IPAddress.TryParse(value, out var address))
            {
                throw new UsageException($"--ip '{value}' is not an IP address; give e.g. --ip 127.0.0.1 or --ip ::1.");
            }

            addresses.Add(address);
        }

        return [.. addresses];
    }

    /// <summary>The CA's refusals are the operator's to fix: one line and exit 2.</summary>
    private static T Refusing<T>(Func<T> work)
    {
        try
        {
            return work();
        }
        catch (CertificateAuthorityException e)
        {
            throw new UsageException(e.Message);
        }
    }

    private static string Fingerprint(X509Certificate2 certificate) => certificate.GetCertHashString(HashAlgorithmName.SHA256);

    private static string Day(DateTime when) => when.ToUniversalTime().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
