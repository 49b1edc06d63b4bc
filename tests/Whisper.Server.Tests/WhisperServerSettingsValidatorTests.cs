using Microsoft.Extensions.Options;

using Whisper.Server.Tests.Infrastructure;

namespace Whisper.Server.Tests;

public sealed class WhisperServerSettingsValidatorTests
{
    [Fact]
    public void Validate_Defaults_OnlyApiKeysPathMissing()
    {
        var result = new WhisperServerSettingsValidator().Validate(null, new WhisperServerSettings());

        var failure = Assert.Single(result.Failures!);
        Assert.StartsWith("ApiKeysPath is empty", failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Build_ManyBadSettings_ReportsEveryProblemAtOnce()
    {
        var settings = new WhisperServerSettings
        {
            Urls = "https://0.0.0.0:443;ftp://x",
            ApiKeysPath = "/nonexistent/keys.json",
            MaxIngestBodyBytes = 10,
            MaxEventsPerBatch = 0,
            MaxPageSize = 5,
            DefaultPageSize = 6,
        };
        var store = new FailingPingStore(null!);

        var ex = Assert.Throws<OptionsValidationException>(() => WhisperServerApp.Build(settings, store));

        var failures = ex.Failures.ToArray();
        Assert.Equal(6, failures.Length);
        Assert.Contains(failures, static f => f.StartsWith("Urls entry 'https://0.0.0.0:443'", StringComparison.Ordinal));
        Assert.Contains(failures, static f => f.StartsWith("Urls entry 'ftp://x'", StringComparison.Ordinal));
        Assert.Contains(failures, static f => f.StartsWith("ApiKeysPath '/nonexistent/keys.json' does not exist", StringComparison.Ordinal));
        Assert.Contains(failures, static f => f.StartsWith("MaxIngestBodyBytes 10", StringComparison.Ordinal));
        Assert.Contains(failures, static f => f.StartsWith("MaxEventsPerBatch 0", StringComparison.Ordinal));
        Assert.Contains(failures, static f => f.StartsWith("DefaultPageSize 6", StringComparison.Ordinal));
        await Task.CompletedTask;
    }
}
