using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Sockets;
using System.Text;

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

using Whisper.Security.Egress;

namespace Whisper.Security.Tests.Egress;

/// <summary>A fixed name → addresses table; names not in it do not resolve. Counts lookups.</summary>
internal sealed class StaticHostResolver(Dictionary<string, IPAddress[]> table) : IHostResolver
{
    private int _calls;

    public int Calls => Volatile.Read(ref _calls);

    public ValueTask<IPAddress[]> ResolveAsync(string name, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        return table.TryGetValue(name, out var addresses)
            ? ValueTask.FromResult(addresses)
            : ValueTask.FromException<IPAddress[]>(new SocketException((int)SocketError.HostNotFound));
    }
}

internal sealed record LogEntry(LogLevel Level, EventId EventId, string Message, IReadOnlyDictionary<string, object?> State);

/// <summary>Keeps every log entry with its structured state.</summary>
internal sealed class RecordingLogger<T> : ILogger<T>
{
    private readonly List<LogEntry> _entries = [];

    public IReadOnlyList<LogEntry> Entries
    {
        get
        {
            lock (_entries)
            {
                return [.. _entries];
            }
        }
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var fields = state as IEnumerable<KeyValuePair<string, object?>> ?? [];
        var entry = new LogEntry(logLevel, eventId, formatter(state, exception), fields.ToDictionary(kv => kv.Key, kv => kv.Value));
        lock (_entries)
        {
            _entries.Add(entry);
        }
    }
}

internal sealed record Measurement(string Instrument, long Value, IReadOnlyDictionary<string, object?> Tags);

/// <summary>Listens to the "Whisper.Security" instruments of one meter factory only, so parallel tests do not mix.</summary>
internal sealed class MetricRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly List<Measurement> _measurements = [];

    public MetricRecorder(IMeterFactory factory)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == SecurityModule.Name && ReferenceEquals(instrument.Meter.Scope, factory))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var map = new Dictionary<string, object?>();
            foreach (var tag in tags)
            {
                map[tag.Key] = tag.Value;
            }

            lock (_measurements)
            {
                _measurements.Add(new Measurement(instrument.Name, value, map));
            }
        });
        _listener.Start();
    }

    public IReadOnlyList<Measurement> Measurements
    {
        get
        {
            lock (_measurements)
            {
                return [.. _measurements];
            }
        }
    }

    public static IMeterFactory NewFactory() =>
        new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>();

    public void Dispose() => _listener.Dispose();
}

/// <summary>A minimal HTTP/1.1 server on a loopback address: answers every request "200 ok" and counts connections.</summary>
internal sealed class LoopbackHttpServer : IDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private int _connections;

    public LoopbackHttpServer(IPAddress address)
    {
        _listener = new TcpListener(address, 0);
        _listener.Start();
        _ = Task.Run(AcceptLoopAsync);
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public int Connections => Volatile.Read(ref _connections);

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            Interlocked.Increment(ref _connections);
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private static async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            var stream = client.GetStream();
            var buffer = new byte[4096];
            var seen = new StringBuilder();
            while (!seen.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
            {
                var read = await stream.ReadAsync(buffer);
                if (read == 0)
                {
                    return;
                }

                seen.Append(Encoding.ASCII.GetString(buffer, 0, read));
            }

            await stream.WriteAsync("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"u8.ToArray());
        }
    }
}

internal static class Allowlists
{
    /// <summary>Loopback 127.0.0.1 only (so 127.0.0.2, routed to this host on Linux, is outside), a few names and an IPv6 range.</summary>
    public static EgressAllowlist LoopbackOnly() => EgressAllowlist.Create(
        "test",
        ["*.us.whisper.example", "whisper.example"],
        ["127.0.0.1/32", "10.0.0.0/8", "2001:db8::/32", "::1/128"]);
}
