using Microsoft.Extensions.Options;

using Whisper.Server.Tls;

namespace Whisper.Server.Tests.Tls;

public sealed class TlsSettingsValidationTests : IDisposable
{
    private readonly TlsFiles _files = TlsFiles.Create();

    [Fact]
    public void Validate_CompleteTlsWithHttpsUrl_Succeeds()
    {
        var result = Validate(Settings("https://127.0.0.1:8443", _files.ServerSettings(TlsFiles.Client)));

        Assert.True(result.Succeeded, string.Join(" ", result.Failures ?? []));
    }

    [Fact]
    public void Validate_TlsWithHttpUrl_RefusesPlainHttp()
    {
        var result = Validate(Settings("https://127.0.0.1:8443;http://127.0.0.1:8080", _files.ServerSettings()));

        var failure = Assert.Single(result.Failures!);
        Assert.StartsWith("Urls entry 'http://127.0.0.1:8080' is not an https://host:port URL, and Tls (mutual TLS) is on", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_HttpsUrlWithoutTls_StillRefused()
    {
        var result = Validate(Settings("https://127.0.0.1:8443", tls: null));

        Assert.StartsWith("Urls entry 'https://127.0.0.1:8443' is not a plain http://host:port URL", Assert.Single(result.Failures!), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_MissingAndEmptyPaths_NamesEverySetting()
    {
        var tls = new TlsSettings { CertificatePath = Path.Combine(_files.Root, "none.crt"), KeyPath = "", ClientCaPath = Path.Combine(_files.Root, "none-ca.crt"), AllowedClients = ["Bad Name"] };

        var failures = Validate(Settings("https://127.0.0.1:8443", tls)).Failures!.ToArray();

        Assert.Equal(4, failures.Length);
        Assert.Contains(failures, static f => f.StartsWith("Tls.CertificatePath '", StringComparison.Ordinal) && f.Contains("does not exist", StringComparison.Ordinal));
        Assert.Contains(failures, static f => f.StartsWith("Tls.KeyPath is empty", StringComparison.Ordinal));
        Assert.Contains(failures, static f => f.StartsWith("Tls.ClientCaPath '", StringComparison.Ordinal));
        Assert.Contains(failures, static f => f.StartsWith("Tls.AllowedClients entry 'Bad Name'", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_KeyOfAnotherCertificate_RefusedAtStartNotAtHandshake()
    {
        var tls = _files.ServerSettings() with { KeyPath = _files.KeyPath(TlsFiles.Client) };

        var failure = Assert.Single(Validate(Settings("https://127.0.0.1:8443", tls)).Failures!);

        Assert.StartsWith("Tls: ", failure, StringComparison.Ordinal);
        Assert.Contains("matching PKCS#8 key", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_CaPathNotACertificate_Refused()
    {
        var tls = _files.ServerSettings() with { ClientCaPath = _files.KeyPath(TlsFiles.Server) };

        var failure = Assert.Single(Validate(Settings("https://127.0.0.1:8443", tls)).Failures!);

        Assert.Contains("is not a readable CA certificate", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void FromOptions_NothingGiven_IsNullAndAnythingGiven_IsTls()
    {
        Assert.Null(TlsSettings.FromOptions(null, null, null, null));
        Assert.Null(TlsSettings.FromOptions(null, null, null, []));

        var onlyAllowed = TlsSettings.FromOptions(null, null, null, ["feed-client"]);
        Assert.NotNull(onlyAllowed);
        Assert.Equal("", onlyAllowed.CertificatePath);

        var full = TlsSettings.FromOptions("a.crt", "a.key", "ca.crt", null)!;
        Assert.Equal(("a.crt", "a.key", "ca.crt"), (full.CertificatePath, full.KeyPath, full.ClientCaPath));
        Assert.Empty(full.AllowedClients);
    }

    public void Dispose() => _files.Dispose();

    private WhisperServerSettings Settings(string urls, TlsSettings? tls)
    {
        // The validator only checks that the keys file exists.
        var keys = Path.Combine(_files.Root, "keys.json");
        File.WriteAllText(keys, "{}");
        return new WhisperServerSettings { Urls = urls, ApiKeysPath = keys, Tls = tls };
    }

    private static ValidateOptionsResult Validate(WhisperServerSettings settings) => new WhisperServerSettingsValidator().Validate(null, settings);
}
