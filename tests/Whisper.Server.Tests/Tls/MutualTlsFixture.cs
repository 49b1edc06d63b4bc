using Whisper.Server.Tests.Infrastructure;

namespace Whisper.Server.Tests.Tls;

/// <summary>Two real servers on 127.0.0.1:0 with mutual TLS: one takes any client of the CA, one only <see cref="TlsFiles.Client"/>.</summary>
public sealed class MutualTlsFixture : IAsyncLifetime
{
    public TlsFiles Files { get; } = TlsFiles.Create();

    public ServerHost Open { get; private set; } = null!;

    public ServerHost Restricted { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Open = await ServerHost.StartAsync(s => s with { Urls = "https://127.0.0.1:0", Tls = Files.ServerSettings() });
        Restricted = await ServerHost.StartAsync(s => s with { Urls = "https://127.0.0.1:0", Tls = Files.ServerSettings(TlsFiles.Client) });
    }

    public async Task DisposeAsync()
    {
        await Open.DisposeAsync();
        await Restricted.DisposeAsync();
        Files.Dispose();
    }
}
