using Microsoft.Extensions.Time.Testing;

using Whisper.Security.Transparency;

namespace Whisper.Security.Tests.Transparency;

/// <summary>A temp log directory, removed after the test, with a fake clock and helpers to make entries.</summary>
internal sealed class LogFolder : IDisposable
{
    public static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public string Path { get; } = Directory.CreateTempSubdirectory("whisper-tlog-test-").FullName;

    public FakeTimeProvider Clock { get; } = new(T0);

    public string LeavesPath => File(LogFiles.LeavesFileName);

    public string HashesPath => File(LogFiles.HashesFileName);

    public static LogEntry Entry(int i) => new(
        (LogEntryKind)(1 + (i % 5)),
        $"subject {i} — ünïcode ok",
        System.Security.Cryptography.SHA256.HashData(BitConverter.GetBytes(i)),
        T0.AddSeconds(i));

    public static LogEntry[] Entries(int from, int count) => [.. Enumerable.Range(from, count).Select(Entry)];

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public TransparencyLog Open() => TransparencyLog.Open(Path, time: Clock);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
