using Whisper.Core.Domain;
using Whisper.Fork.Records;

namespace Whisper.Fork.Tests.Records;

public sealed class RecordCodecTests
{
    private static readonly DateTimeOffset At = DateTimeOffset.FromUnixTimeMilliseconds(1_790_000_000_123);

    [Fact]
    public void EveryTable_RoundTripsThroughItsCodec()
    {
        RoundTrip(RecordCodecs.Users, new User(7, "ana_ü", "US", "2001:db8::1", "PR", "US", At));
        RoundTrip(RecordCodecs.Creators, new Creator(3, 7, "Ana's kitchen 🍳", "US", At));
        RoundTrip(RecordCodecs.Follows, new Follow(7, 3, At));
        RoundTrip(RecordCodecs.LiveSessions, new LiveSession(11, 3, At, null, 42));
        RoundTrip(RecordCodecs.LiveSessions, new LiveSession(12, 3, At, At.AddMinutes(5), 0));
        RoundTrip(RecordCodecs.Products, new Product(5, 3, "Pan", 2_999, "USD"));
        RoundTrip(RecordCodecs.Orders, new Order(9, 7, 5, 2, 5_998, "USD", "US", At));

        var video = new Video(21, 3, 15_000, At, ["cooking", "food"], "en", "us");
        var back = RoundTripValue(RecordCodecs.Videos, video);
        Assert.Equal(video.Hashtags, back.Hashtags);
        Assert.Equal(video with { Hashtags = back.Hashtags }, back);

        var logged = new LoggedEvent(99, new EngagementEvent(Guid.CreateVersion7(), 7, 21, EventKind.View, At, 12_345, 0));
        Assert.Equal(logged, RoundTripValue(RecordCodecs.Events, logged));
    }

    [Fact]
    public void EventContent_ExcludesTheRegionsSequence()
    {
        var e = new EngagementEvent(Guid.CreateVersion7(), 7, 21, EventKind.Like, At);
        var a = new RecordBuffer();
        var b = new RecordBuffer();
        RecordCodecs.Events.Write(a, new LoggedEvent(1, e));
        RecordCodecs.Events.Write(b, new LoggedEvent(500, e));

        Assert.False(a.WrittenSpan.SequenceEqual(b.WrittenSpan));
        var offset = RecordCodecs.Events.ContentOffset;
        Assert.Equal(ContentDigest.HashOf(a.WrittenSpan[offset..]), ContentDigest.HashOf(b.WrittenSpan[offset..]));
        Assert.Equal(RecordCodecs.KeyOfClientId(e.ClientEventId), RecordCodecs.Events.KeyOf(new LoggedEvent(1, e)));
    }

    [Fact]
    public void TruncatedRecord_ThrowsInvalidData()
    {
        var buffer = new RecordBuffer();
        RecordCodecs.Users.Write(buffer, new User(7, "ana", "US", "1.2.3.4", "US", "US", At));
        var bytes = buffer.WrittenSpan.ToArray();
        for (var cut = 0; cut < bytes.Length; cut++)
        {
            var ok = false;
            try
            {
                RecordDecoder.Decode(RecordCodecs.Users, bytes.AsSpan(0, cut), 1);
                ok = true;
            }
            catch (InvalidDataException)
            {
            }

            Assert.False(ok, $"a record cut at {cut} of {bytes.Length} bytes decoded");
        }

        Assert.Throws<InvalidDataException>(() => RecordDecoder.Decode(RecordCodecs.Users, [.. bytes, 0], 1));
    }

    [Fact]
    public void ContentDigest_IsOrderIndependentAndCountsDuplicates()
    {
        var a = default(ContentDigest);
        var b = default(ContentDigest);
        a.Add("x"u8);
        a.Add("y"u8);
        b.Add("y"u8);
        b.Add("x"u8);
        Assert.Equal(a, b);

        b.Add("x"u8);
        Assert.NotEqual(a, b);
        Assert.Equal(a, ContentDigest.From(a.Count, a.SumHex));
    }

    private static void RoundTrip<T>(RecordCodec<T> codec, T row) => Assert.Equal(row, RoundTripValue(codec, row));

    private static T RoundTripValue<T>(RecordCodec<T> codec, T row)
    {
        var buffer = new RecordBuffer(16);
        codec.Write(buffer, row);
        return Assert.Single(RecordDecoder.Decode(codec, buffer.WrittenSpan, 1));
    }
}
