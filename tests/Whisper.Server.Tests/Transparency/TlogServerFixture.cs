using Whisper.Security.Transparency;

namespace Whisper.Server.Tests.Transparency;

/// <summary>
/// One server per test class, its log holding <see cref="Entries"/> entries (subjects "step 0", "step 1", …) before
/// the first test. Tests in a class run one at a time, so a test may compare the log's size before and after.
/// </summary>
public class TlogServerFixture : IAsyncLifetime
{
    public const string Digest = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    public TlogServerHost Host { get; private set; } = null!;

    protected virtual int Entries => 21;

    public async Task InitializeAsync()
    {
        Host = await TlogServerHost.StartAsync();
        var kinds = Enum.GetValues<LogEntryKind>();
        var entries = Enumerable.Range(0, Entries)
            .Select(i => new LogEntry(kinds[i % kinds.Length], $"step {i}", Digest, Host.Log.TimeProvider.GetUtcNow()))
            .ToArray();
        await Host.Log.AppendBatchAsync(entries);
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();
}

/// <summary>A server whose log starts empty.</summary>
public sealed class EmptyTlogServerFixture : TlogServerFixture
{
    protected override int Entries => 0;
}
