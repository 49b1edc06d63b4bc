using System.Globalization;
using System.Security.Cryptography.X509Certificates;

namespace Whisper.Security.Tls;

/// <summary>
/// Decides whether a peer's certificate is one this deployment issued: it chains to exactly <see cref="Authority"/>
/// (a custom root trust with only that CA in it: the machine's root store plays no part, so no public CA can vouch
/// for a service), it is within its validity now, it carries the extended key usage for the peer's role, and, when
/// <see cref="AllowedNames"/> is set, its service name is on that list.
/// <para>
/// Revocation is not checked (<see cref="X509RevocationMode.NoCheck"/>): the CA is local and publishes no CRL or
/// OCSP responder, and service certificates live 90 days by default, so a leaked key is handled by rotating the CA
/// or waiting out a short validity (docs/security/mtls.md). Thread-safe.
/// </para>
/// </summary>
public sealed class MutualTlsPolicy
{
    private readonly TimeProvider _time;

    /// <param name="authority">The CA certificate (public part is enough); the caller keeps it alive while the policy is used.</param>
    /// <param name="allowedNames">Service names allowed to connect; null allows every certificate of the CA.</param>
    /// <param name="time">The clock for the validity check; the system clock by default.</param>
    public MutualTlsPolicy(X509Certificate2 authority, IEnumerable<string>? allowedNames = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(authority);
        Authority = authority;
        AllowedNames = allowedNames is null ? null : new HashSet<string>(allowedNames, StringComparer.OrdinalIgnoreCase);
        _time = time ?? TimeProvider.System;
    }

    public X509Certificate2 Authority { get; }

    /// <summary>Service names (certificate CNs, compared ignoring case as DNS names are) allowed through; null allows all.</summary>
    public IReadOnlySet<string>? AllowedNames { get; }

    public MutualTlsVerdict Validate(X509Certificate2? certificate, TlsPeerRole role)
    {
        if (certificate is null)
        {
            return new MutualTlsVerdict(MutualTlsOutcome.NoCertificate, $"no certificate presented by the {Role(role)}", null);
        }

        var name = certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
        var described = $"certificate '{Printable(name)}' (serial {certificate.SerialNumber})";
        var now = _time.GetUtcNow().UtcDateTime;
        var notBefore = certificate.NotBefore.ToUniversalTime();
        var notAfter = certificate.NotAfter.ToUniversalTime();
        if (now < notBefore || now > notAfter)
        {
            var window = now > notAfter ? $"expired at {Stamp(notAfter)}" : $"is not valid before {Stamp(notBefore)}";
            return new MutualTlsVerdict(MutualTlsOutcome.NotTimeValid, $"{described} {window} (now {Stamp(now)})", name);
        }

        var chain = ChainVerdict(certificate, now, described, name);
        if (!chain.Accepted)
        {
            return chain;
        }

        var usage = role == TlsPeerRole.Client ? Oids.ClientAuth : Oids.ServerAuth;
        if (!HasUsage(certificate, usage))
        {
            var needed = role == TlsPeerRole.Client ? "clientAuth" : "serverAuth";
            return new MutualTlsVerdict(MutualTlsOutcome.WrongUsage, $"{described} lacks the {needed} extended key usage a {Role(role)} needs", name);
        }

        if (AllowedNames is not null && !AllowedNames.Contains(name))
        {
            return new MutualTlsVerdict(MutualTlsOutcome.NameNotAllowed, $"{described} names a service that is not on the allowed list", name);
        }

        return new MutualTlsVerdict(MutualTlsOutcome.Accepted, $"{described} accepted as {Role(role)}, valid until {Stamp(notAfter)}", name);
    }

    private MutualTlsVerdict ChainVerdict(X509Certificate2 certificate, DateTime now, string described, string name)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(Authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.DisableCertificateDownloads = true;
        chain.ChainPolicy.VerificationTimeIgnored = false;
        chain.ChainPolicy.VerificationTime = now;
        try
        {
            var built = chain.Build(certificate);
            var elements = chain.ChainElements;
            // Path length 0: the only valid shape is leaf → this CA; the thumbprint check makes "exactly this CA" explicit.
            var root = elements.Count > 0 ? elements[^1].Certificate : null;
            var reachesAuthority = elements.Count == 2 && root is not null && root.RawDataMemory.Span.SequenceEqual(Authority.RawDataMemory.Span);
            if (!reachesAuthority || Has(chain, X509ChainStatusFlags.PartialChain | X509ChainStatusFlags.UntrustedRoot))
            {
                return new MutualTlsVerdict(MutualTlsOutcome.UntrustedIssuer,
                    $"{described} issued by '{Printable(certificate.Issuer)}' does not chain to this CA '{Authority.Subject}'", name);
            }

            if (!built)
            {
                var problems = string.Join("; ", chain.ChainStatus.Select(static s => s.StatusInformation.Trim()).Where(static s => s.Length > 0).Distinct());
                return new MutualTlsVerdict(MutualTlsOutcome.InvalidChain, $"{described} has an invalid chain to '{Authority.Subject}': {problems}", name);
            }

            return new MutualTlsVerdict(MutualTlsOutcome.Accepted, described, name);
        }
        finally
        {
            foreach (var element in chain.ChainElements)
            {
                element.Certificate.Dispose();
            }
        }
    }

    private static bool Has(X509Chain chain, X509ChainStatusFlags flags) =>
        chain.ChainStatus.Any(s => (s.Status & flags) != 0);

    /// <summary>Only an explicit EKU counts: RFC 5280 reads "no EKU" as "any use", but this CA always writes one.</summary>
    private static bool HasUsage(X509Certificate2 certificate, string oid)
    {
        if (certificate.Extensions[Oids.EnhancedKeyUsage] is not X509EnhancedKeyUsageExtension eku)
        {
            return false;
        }

        foreach (var usage in eku.EnhancedKeyUsages)
        {
            if (usage.Value == oid)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A peer chooses its certificate's names, so they reach the log only as printable text of bounded length: no
    /// line breaks to forge log lines with, no megabyte subject.
    /// </summary>
    private static string Printable(string text)
    {
        const int MaxLength = 128;
        var clipped = text.Length > MaxLength ? text[..MaxLength] + "…" : text;
        return string.Create(clipped.Length, clipped, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = char.IsControl(source[i]) ? '?' : source[i];
            }
        });
    }

    private static string Role(TlsPeerRole role) => role == TlsPeerRole.Client ? "client" : "server";

    private static string Stamp(DateTime utc) => utc.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
