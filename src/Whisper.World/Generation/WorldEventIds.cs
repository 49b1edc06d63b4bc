using System.Buffers.Binary;

namespace Whisper.World.Generation;

/// <summary>
/// Deterministic client event ids: an RFC 9562 version-8 UUID from (seed, event index), so re-ingesting a world
/// (e.g. after an interrupted write) stores nothing twice. The first 64 bits are a 60-bit mix of the seed and a domain
/// tag (importers use another tag); the last 62 bits are the index itself, big-endian, so
/// consecutive events have consecutive ids in RFC byte order — like UUIDv7 ids from real clients, they append at the
/// edge of the log's unique index instead of landing on random pages. Never <see cref="Guid.Empty"/>.
/// </summary>
public static class WorldEventIds
{
    internal const ulong WorldDomain = 0x574F524C44455654UL; // "WORLDEVT"
    internal const ulong ImportDomain = 0x494D504F52544556UL; // "IMPORTEV"

    /// <summary>The id of event <paramref name="index"/> (0-based, in stream order) of the world with <paramref name="seed"/>.</summary>
    public static Guid For(long seed, long index) => Create(WorldDomain, (ulong)seed, (ulong)index);

    internal static Guid Create(ulong domain, ulong key, ulong index)
    {
        var prefix = WorldRandom.Mix64(WorldRandom.Mix64(key ^ domain) + 0x9E3779B97F4A7C15UL);
        Span<byte> b = stackalloc byte[16];
        BinaryPrimitives.WriteUInt64BigEndian(b, prefix);
        BinaryPrimitives.WriteUInt64BigEndian(b[8..], index);
        b[6] = (byte)(0x80 | (b[6] & 0x0F)); // version 8
        b[8] = (byte)(0x80 | (b[8] & 0x3F)); // variant 10xx: indexes below 2^62 stay distinct
        return new Guid(b, bigEndian: true);
    }
}
