using System.Buffers;
using System.Text;
using System.Text.Json;

using Whisper.Core.Domain;
using Whisper.Server.Client;
using Whisper.Server.Ingest;
using Whisper.Server.Tests.Infrastructure;

namespace Whisper.Server.Tests.Ingest;

public sealed class EventBatchReaderTests
{
    [Fact]
    public void Read_WriterOutput_RoundTripsExactly()
    {
        var events = TestEvents.Views(300, seed: 5);
        events[7] = new EngagementEvent(TestEvents.NewId(5, 1000), 9, 0, EventKind.Purchase, TestEvents.Start, ProductId: 4);
        using var buffer = new PooledBufferWriter(1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            EventBatchWriter.Write(writer, events);
        }

        var status = Read(buffer.WrittenMemory.Span, 1000, out var parsed, out _);

        Assert.Equal(EventBatchReadStatus.Ok, status);
        Assert.Equal(events, parsed);
    }

    [Theory]
    [InlineData("", "MalformedJson")]
    [InlineData("[]", "InvalidField")]
    [InlineData("{}", "InvalidField")]
    [InlineData("""{"events":{}}""", "InvalidField")]
    [InlineData("""{"events":[],"extra":1}""", "InvalidField")]
    [InlineData("""{"events":[1]}""", "InvalidField")]
    [InlineData("""{"events":[]} {}""", "MalformedJson")]
    [InlineData("""{"events":[]""", "MalformedJson")]
    public void Read_BadShape_ReportsStatus(string json, string expected)
    {
        Assert.Equal(Enum.Parse<EventBatchReadStatus>(expected), Read(Encoding.UTF8.GetBytes(json), 10, out _, out _));
    }

    [Fact]
    public void Read_LongUnknownKind_EchoIsTrimmedAndSanitised()
    {
        var kind = new string('x', 100) + "\\u0000";
        var json = TestEvents.Batch(TestEvents.Json(0, kind: kind));

        var status = Read(Encoding.UTF8.GetBytes(json), 10, out _, out var error);

        Assert.Equal(EventBatchReadStatus.UnknownKind, status);
        Assert.Contains("'" + new string('x', 32) + "…'", error.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("\0", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_OverLimit_StopsAtLimit()
    {
        var json = TestEvents.Batch(TestEvents.Json(0), TestEvents.Json(1), TestEvents.Json(2));

        var status = Read(Encoding.UTF8.GetBytes(json), 2, out _, out var error);

        Assert.Equal(EventBatchReadStatus.TooManyEvents, status);
        Assert.Equal(2, error.Index);
    }

    private static EventBatchReadStatus Read(ReadOnlySpan<byte> json, int max, out EngagementEvent[] parsed, out EventBatchReadError error)
    {
        var rented = ArrayPool<EngagementEvent>.Shared.Rent(4);
        try
        {
            var status = EventBatchReader.Read(json, max, ref rented, out var count, out error);
            parsed = rented.AsSpan(0, count).ToArray();
            return status;
        }
        finally
        {
            ArrayPool<EngagementEvent>.Shared.Return(rented);
        }
    }
}
