using Microsoft.Extensions.Options;

using Whisper.Server.Tls;

namespace Whisper.Server;

/// <summary>Checks <see cref="WhisperServerSettings"/> and reports every problem at once, each naming the setting and the fix.</summary>
public sealed class WhisperServerSettingsValidator : IValidateOptions<WhisperServerSettings>
{
    public const long MinBodyBytes = 1024;
    public const long MaxBodyBytes = 256 * WhisperServerSettings.MiB;
    public const int MaxBatchLimit = 100_000;
    public const int MaxPageLimit = 10_000;

    public ValidateOptionsResult Validate(string? name, WhisperServerSettings options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();

        if (string.IsNullOrWhiteSpace(options.Urls))
        {
            failures.Add("Urls is empty; give at least one URL such as http://127.0.0.1:8080.");
        }
        else
        {
            var scheme = TlsSettingsValidation.RequiredScheme(options.Tls);
            foreach (var url in SplitUrls(options.Urls))
            {
                if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme != scheme || uri.AbsolutePath != "/")
                {
                    failures.Add(options.Tls is null
                        ? $"Urls entry '{url}' is not a plain http://host:port URL; use e.g. http://127.0.0.1:8080 (terminate TLS in a proxy in front)."
                        : TlsSettingsValidation.NotHttps(url));
                }
            }
        }

        if (string.IsNullOrWhiteSpace(options.ApiKeysPath))
        {
            failures.Add("ApiKeysPath is empty; point it at an API keys file (create one with ApiKeyStore.CreateKeyAsync / `whisper keys create`).");
        }
        else if (!File.Exists(options.ApiKeysPath))
        {
            failures.Add($"ApiKeysPath '{options.ApiKeysPath}' does not exist; create it with ApiKeyStore.CreateKeyAsync / `whisper keys create`.");
        }

        if (options.MaxIngestBodyBytes is < MinBodyBytes or > MaxBodyBytes)
        {
            failures.Add($"MaxIngestBodyBytes {options.MaxIngestBodyBytes} is outside {MinBodyBytes}..{MaxBodyBytes}; the default is {4 * WhisperServerSettings.MiB} (4 MiB).");
        }

        if (options.MaxEventsPerBatch is < 1 or > MaxBatchLimit)
        {
            failures.Add($"MaxEventsPerBatch {options.MaxEventsPerBatch} is outside 1..{MaxBatchLimit}; the default is 10000.");
        }

        if (options.MaxPageSize is < 1 or > MaxPageLimit)
        {
            failures.Add($"MaxPageSize {options.MaxPageSize} is outside 1..{MaxPageLimit}; the default is 1000.");
        }

        if (options.DefaultPageSize < 1 || options.DefaultPageSize > options.MaxPageSize)
        {
            failures.Add($"DefaultPageSize {options.DefaultPageSize} must be between 1 and MaxPageSize ({options.MaxPageSize}).");
        }

        if (options.ParityResultsDirectory is { } parity && string.IsNullOrWhiteSpace(parity))
        {
            failures.Add("ParityResultsDirectory is empty; give the folder 'whisper parity run --out' writes, or leave it null to serve no parity results.");
        }
        else if (options.ParityResultsDirectory is { } file && File.Exists(file))
        {
            failures.Add($"ParityResultsDirectory '{file}' is a file; give the folder that holds verdict.json and report.html.");
        }

        if (options.IntegrityEvidenceDirectory is { } evidence && (string.IsNullOrWhiteSpace(evidence) || File.Exists(evidence)))
        {
            failures.Add($"IntegrityEvidenceDirectory '{evidence}' is empty or a file; give the folder that holds the model registry, reports and certificates, or leave it null.");
        }

        options.SessionHandoff?.AddFailures(failures);
        TlsSettingsValidation.AddFailures(options.Tls, failures);
        WhisperServerSettingsSecurityValidation.AddFailures(options, failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    internal static string[] SplitUrls(string urls) =>
        urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
