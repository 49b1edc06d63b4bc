using Whisper.Core.Domain;

namespace Whisper.Fork.Records;

/// <summary>
/// The binary record layout of every exported table (little endian; times are Unix milliseconds, which is the
/// stores' own precision; strings are LEB128 length + UTF-8). Documented field by field in docs/migration-format.md.
/// </summary>
public static class RecordCodecs
{
    public static RecordCodec<User> Users { get; } = new()
    {
        Table = ForkTable.Users,
        Write = static (b, u) =>
        {
            b.WriteInt64(u.Id);
            b.WriteString(u.Handle);
            b.WriteString(u.DeclaredCountry);
            b.WriteString(u.SignupIp);
            b.WriteString(u.PhoneCountry);
            b.WriteString(u.ResidenceCountry);
            b.WriteInt64(u.CreatedAt.ToUnixTimeMilliseconds());
        },
        Read = static (ref r) => new User(r.ReadInt64(), r.ReadString(), r.ReadString(), r.ReadString(), r.ReadString(), r.ReadString(), Time(ref r)),
        KeyOf = static u => new(u.Id, 0),
    };

    public static RecordCodec<Creator> Creators { get; } = new()
    {
        Table = ForkTable.Creators,
        Write = static (b, c) =>
        {
            b.WriteInt64(c.Id);
            b.WriteInt64(c.UserId);
            b.WriteString(c.DisplayName);
            b.WriteString(c.HomeCountry);
            b.WriteInt64(c.CreatedAt.ToUnixTimeMilliseconds());
        },
        Read = static (ref r) => new Creator(r.ReadInt64(), r.ReadInt64(), r.ReadString(), r.ReadString(), Time(ref r)),
        KeyOf = static c => new(c.Id, 0),
    };

    public static RecordCodec<Video> Videos { get; } = new()
    {
        Table = ForkTable.Videos,
        Write = static (b, v) =>
        {
            b.WriteInt64(v.Id);
            b.WriteInt64(v.CreatorId);
            b.WriteInt32(v.DurationMs);
            b.WriteInt64(v.CreatedAt.ToUnixTimeMilliseconds());
            b.WriteInt32(v.Hashtags.Count);
            foreach (var tag in v.Hashtags)
            {
                b.WriteString(tag);
            }

            b.WriteString(v.Language);
            b.WriteString(v.OriginRegion);
        },
        Read = static (ref r) =>
        {
            var id = r.ReadInt64();
            var creatorId = r.ReadInt64();
            var duration = r.ReadInt32();
            var created = Time(ref r);
            var tagCount = r.ReadInt32();
            if (tagCount < 0 || tagCount > 4_096)
            {
                throw new InvalidDataException($"video {id} claims {tagCount} hashtags");
            }

            var tags = new string[tagCount];
            for (var i = 0; i < tags.Length; i++)
            {
                tags[i] = r.ReadString();
            }

            return new Video(id, creatorId, duration, created, tags, r.ReadString(), r.ReadString());
        },
        KeyOf = static v => new(v.Id, 0),
    };

    public static RecordCodec<Follow> Follows { get; } = new()
    {
        Table = ForkTable.Follows,
        Write = static (b, f) =>
        {
            b.WriteInt64(f.FollowerId);
            b.WriteInt64(f.CreatorId);
            b.WriteInt64(f.CreatedAt.ToUnixTimeMilliseconds());
        },
        Read = static (ref r) => new Follow(r.ReadInt64(), r.ReadInt64(), Time(ref r)),
        KeyOf = static f => new(f.FollowerId, f.CreatorId),
    };

    public static RecordCodec<LiveSession> LiveSessions { get; } = new()
    {
        Table = ForkTable.LiveSessions,
        Write = static (b, s) =>
        {
            b.WriteInt64(s.Id);
            b.WriteInt64(s.CreatorId);
            b.WriteInt64(s.StartedAt.ToUnixTimeMilliseconds());
            b.WriteInt64(s.EndedAt is { } ended ? ended.ToUnixTimeMilliseconds() : long.MinValue);
            b.WriteInt32(s.PeakViewers);
        },
        Read = static (ref r) =>
        {
            var id = r.ReadInt64();
            var creatorId = r.ReadInt64();
            var started = Time(ref r);
            var endedMs = r.ReadInt64();
            DateTimeOffset? ended = endedMs == long.MinValue ? null : DateTimeOffset.FromUnixTimeMilliseconds(endedMs);
            return new LiveSession(id, creatorId, started, ended, r.ReadInt32());
        },
        KeyOf = static s => new(s.Id, 0),
    };

    public static RecordCodec<Product> Products { get; } = new()
    {
        Table = ForkTable.Products,
        Write = static (b, p) =>
        {
            b.WriteInt64(p.Id);
            b.WriteInt64(p.CreatorId);
            b.WriteString(p.Title);
            b.WriteInt64(p.PriceMinor);
            b.WriteString(p.Currency);
        },
        Read = static (ref r) => new Product(r.ReadInt64(), r.ReadInt64(), r.ReadString(), r.ReadInt64(), r.ReadString()),
        KeyOf = static p => new(p.Id, 0),
    };

    public static RecordCodec<Order> Orders { get; } = new()
    {
        Table = ForkTable.Orders,
        Write = static (b, o) =>
        {
            b.WriteInt64(o.Id);
            b.WriteInt64(o.UserId);
            b.WriteInt64(o.ProductId);
            b.WriteInt32(o.Quantity);
            b.WriteInt64(o.TotalMinor);
            b.WriteString(o.Currency);
            b.WriteString(o.BillingCountry);
            b.WriteInt64(o.PlacedAt.ToUnixTimeMilliseconds());
        },
        Read = static (ref r) => new Order(r.ReadInt64(), r.ReadInt64(), r.ReadInt64(), r.ReadInt32(), r.ReadInt64(), r.ReadString(), r.ReadString(), Time(ref r)),
        KeyOf = static o => new(o.Id, 0),
    };

    /// <summary>An event: its source sequence (transport only, 8 bytes), then the client's event.</summary>
    public static RecordCodec<LoggedEvent> Events { get; } = new()
    {
        Table = ForkTable.Events,
        ContentOffset = 8,
        Write = static (b, e) =>
        {
            b.WriteInt64(e.Sequence);
            b.WriteGuid(e.Event.ClientEventId);
            b.WriteInt64(e.Event.UserId);
            b.WriteInt64(e.Event.VideoId);
            b.WriteByte((byte)e.Event.Kind);
            b.WriteInt64(e.Event.OccurredAt.ToUnixTimeMilliseconds());
            b.WriteInt32(e.Event.WatchTimeMs);
            b.WriteInt64(e.Event.ProductId);
        },
        Read = static (ref r) =>
        {
            var sequence = r.ReadInt64();
            var ev = new EngagementEvent(r.ReadGuid(), r.ReadInt64(), r.ReadInt64(), (EventKind)r.ReadByte(), Time(ref r), r.ReadInt32(), r.ReadInt64());
            return new LoggedEvent(sequence, ev);
        },

        // Events are identified by the client's id, not by a region's sequence; the key folds its 128 bits to two longs.
        KeyOf = static e => KeyOfClientId(e.Event.ClientEventId),
    };

    public static RecordKey KeyOfClientId(Guid clientEventId)
    {
        Span<byte> bytes = stackalloc byte[16];
        clientEventId.TryWriteBytes(bytes, bigEndian: true, out _);
        return new(System.Buffers.Binary.BinaryPrimitives.ReadInt64BigEndian(bytes), System.Buffers.Binary.BinaryPrimitives.ReadInt64BigEndian(bytes[8..]));
    }

    private static DateTimeOffset Time(ref RecordReader reader) => DateTimeOffset.FromUnixTimeMilliseconds(reader.ReadInt64());
}
