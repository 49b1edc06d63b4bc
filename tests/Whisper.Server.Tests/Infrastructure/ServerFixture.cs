namespace Whisper.Server.Tests.Infrastructure;

/// <summary>
/// One server per test class, with small limits (64 KiB body, 100 events per batch) so limit tests stay quick.
/// Tests in a class run one at a time, so a test may compare the log head before and after its request.
/// </summary>
public sealed class ServerFixture : IAsyncLifetime
{
    public const long BodyLimit = 64 * 1024;
    public const int BatchLimit = 100;

    public ServerHost Host { get; private set; } = null!;

    public async Task InitializeAsync() =>
        Host = await ServerHost.StartAsync(s => s with { MaxIngestBodyBytes = BodyLimit, MaxEventsPerBatch = BatchLimit, DefaultPageSize = 3, MaxPageSize = 50 });

    public async Task DisposeAsync() => await Host.DisposeAsync();
}
