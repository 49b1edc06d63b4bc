using Microsoft.Extensions.Diagnostics.HealthChecks;

using Whisper.Storage;

namespace Whisper.Server.Health;

/// <summary>Ready when the store answers <see cref="IWhisperStore.PingAsync"/>.</summary>
internal sealed class StoreHealthCheck(IWhisperStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            return await store.PingAsync(cancellationToken).ConfigureAwait(false)
                ? HealthCheckResult.Healthy($"{store.Provider} store answers.")
                : HealthCheckResult.Unhealthy($"{store.Provider} store does not answer.");
        }
#pragma warning disable CA1031 // A failing ping of any kind means "not ready", never a 500.
        catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
        {
            return HealthCheckResult.Unhealthy($"{store.Provider} store ping failed.", ex);
        }
    }
}
