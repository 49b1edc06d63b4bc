using Whisper.Security.Tls;

namespace Whisper.Server.Tls;

/// <summary>The <see cref="TlsSettings"/> part of <see cref="WhisperServerSettingsValidator"/>: every problem at once, each naming the setting and the fix.</summary>
internal static class TlsSettingsValidation
{
    /// <summary>The URL scheme every listening URL must have: https with mutual TLS, http without (TLS then ends in a proxy).</summary>
    public static string RequiredScheme(TlsSettings? tls) => tls is null ? Uri.UriSchemeHttp : Uri.UriSchemeHttps;

    public static string NotHttps(string url) =>
        $"Urls entry '{url}' is not an https://host:port URL, and Tls (mutual TLS) is on: plain http would let any client in; use e.g. https://127.0.0.1:8443.";

    public static void AddFailures(TlsSettings? tls, List<string> failures)
    {
        if (tls is null)
        {
            return;
        }

        var before = failures.Count;
        RequireFile(tls.CertificatePath, "Tls.CertificatePath", "the server's certificate (<name>.crt from 'whisper ca issue')", failures);
        RequireFile(tls.KeyPath, "Tls.KeyPath", "the server's private key (<name>.key from 'whisper ca issue')", failures);
        RequireFile(tls.ClientCaPath, "Tls.ClientCaPath", "the CA certificate clients must chain to (ca.crt from 'whisper ca init')", failures);
        foreach (var name in tls.AllowedClients)
        {
            if (!ServiceNames.IsValid(name))
            {
                failures.Add($"Tls.AllowedClients entry '{name}' is not a service name; use the lower-case name given to 'whisper ca issue --name'.");
            }
        }

        if (failures.Count > before)
        {
            return;
        }

        // The files exist: load them now, so a mismatched key or a non-PEM file is a start-up error, not a failed handshake.
        try
        {
            using var identity = ServiceIdentity.Load(tls.CertificatePath, tls.KeyPath, tls.ClientCaPath);
        }
        catch (CertificateAuthorityException e)
        {
            failures.Add($"Tls: {e.Message}");
        }
    }

    private static void RequireFile(string path, string setting, string what, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            failures.Add($"{setting} is empty; point it at {what}.");
        }
        else if (!File.Exists(path))
        {
            failures.Add($"{setting} '{path}' does not exist; point it at {what}.");
        }
    }
}
