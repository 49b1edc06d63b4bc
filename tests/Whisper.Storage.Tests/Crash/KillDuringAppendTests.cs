using System.Diagnostics;
using System.Globalization;
using System.Reflection;

using Whisper.Core.Domain;
using Whisper.Storage.CrashWriter;
using Whisper.Storage.Tests.Infrastructure;

namespace Whisper.Storage.Tests.Crash;

/// <summary>
/// The durability promise: once AppendAsync returns, the batch survives a kill of the process. A child process
/// (Whisper.Storage.CrashWriter) appends batches in a loop and prints each acknowledgement; the test kills it
/// mid-ingest, reopens the store and checks every acknowledged event is there exactly once, batches are whole,
/// and sequences are dense.
/// </summary>
public sealed class KillDuringAppendTests
{
    private const int AcksBeforeKill = 6;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Kill_MidIngestSqlite_EveryAcknowledgedEventStoredOnce()
    {
        await using var target = new SqliteStoreTarget();
        await KillAndVerifyAsync(target, ["sqlite", target.Path]);
    }

    [PostgresFact]
    public async Task Kill_MidIngestPostgres_EveryAcknowledgedEventStoredOnce()
    {
        await using var target = new PostgresStoreTarget();
        await KillAndVerifyAsync(target, ["postgres", target.ConnectionString, target.Schema]);
    }

    private static async Task KillAndVerifyAsync(StoreTarget target, string[] arguments)
    {
        var acked = await RunUntilKilledAsync(arguments);

        await using var store = await target.OpenAsync();
        var all = new List<LoggedEvent>();
        long position = 0;
        while (await store.Events.ReadAsync(position, 5_000, all) > 0)
        {
            position = all[^1].Sequence;
        }

        Assert.Equal(all.Count, await store.Events.GetHeadAsync());
        Assert.Equal(Enumerable.Range(1, all.Count).Select(i => (long)i), all.Select(e => e.Sequence));

        var perBatch = new Dictionary<int, int>();
        foreach (var logged in all)
        {
            Assert.True(CrashWriterIds.TryParse(logged.Event.ClientEventId, out var batch, out var index));
            Assert.Equal(batch + 1, logged.Event.VideoId);
            Assert.InRange(index, 0, CrashWriterIds.BatchSize - 1);
            perBatch[batch] = perBatch.GetValueOrDefault(batch) + 1;
        }

        // Each acknowledged batch is stored whole where its ack said; at most one unacknowledged batch (the one in
        // flight at the kill) may also be there, and only whole.
        Assert.True(acked.Count >= AcksBeforeKill);
        foreach (var (batch, first) in acked)
        {
            Assert.Equal(CrashWriterIds.BatchSize, perBatch.GetValueOrDefault(batch));
            Assert.Equal(CrashWriterIds.For(batch, 0), all[(int)first - 1].Event.ClientEventId);
        }

        Assert.All(perBatch, pair => Assert.Equal(CrashWriterIds.BatchSize, pair.Value));
        Assert.InRange(perBatch.Count, acked.Count, acked.Count + 1);
        Assert.Equal(Enumerable.Range(0, perBatch.Count), perBatch.Keys.Order());

        // The log stays writable and dense after recovery.
        var next = await store.Events.AppendAsync(TestEvents.Batch(3));
        Assert.Equal(new AppendResult(3, 0, all.Count + 1, all.Count + 3), next);
    }

    /// <summary>Starts the writer, waits for <see cref="AcksBeforeKill"/> acks, kills it, and returns (batch, first sequence) per ack.</summary>
    private static async Task<List<(int Batch, long First)>> RunUntilKilledAsync(string[] arguments)
    {
        var writerPath = typeof(KillDuringAppendTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "CrashWriterPath").Value!;
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(writerPath);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var timeout = new CancellationTokenSource(Timeout);
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync(timeout.Token);
        var acked = new List<(int Batch, long First)>();
        try
        {
            while (acked.Count < AcksBeforeKill)
            {
                var line = await process.StandardOutput.ReadLineAsync(timeout.Token)
                    ?? throw new InvalidOperationException($"The crash writer exited early ({process.ExitCode}): {await errors}");
                var parts = line.Split(' ');
                if (parts[0] == "ack")
                {
                    Assert.Equal(CrashWriterIds.BatchSize.ToString(CultureInfo.InvariantCulture), parts[2]);
                    acked.Add((int.Parse(parts[1], CultureInfo.InvariantCulture), long.Parse(parts[3], CultureInfo.InvariantCulture)));
                }
            }
        }
        finally
        {
            // Killed while it appends the next batch: it never stops between batches.
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
        }

        // Acks printed after the ones read were promises too: collect them from what is left in the pipe.
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            var parts = line.Split(' ');
            if (parts[0] == "ack")
            {
                acked.Add((int.Parse(parts[1], CultureInfo.InvariantCulture), long.Parse(parts[3], CultureInfo.InvariantCulture)));
            }
        }

        return acked;
    }
}
