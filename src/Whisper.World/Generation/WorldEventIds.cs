namespace Whisper.World.Generation;

/// <summary>
/// Deterministic client event ids: an RFC 9562 version-8 UUID from (seed, event index), so re-ingesting a world
/// (e.g. after an interrupted write) stores nothing twice. 64 bits come from a bijective mix of the index (distinct
/// indexes give distinct ids under one seed); the other 58 free bits from the seed and a domain tag, so two seeds,
/// and the importers (another tag), never share ids. Never <see cref="Guid.Empty"/>.
/// </summary>
public static class WorldEventIds
{
    internal const ulong WorldDomain = 0x574F524C44455654UL; // "WORLDEVT"
    internal const ulong ImportDomain = 0x494D504F52544556UL; // "IMPORTEV"

    /// <summary>The id of event <paramref name="index"/> (0-based, in stream order) of the world with <paramref name="seed"/>.</summary>
    public static Guid For(long seed, long index) => Create(WorldDomain, (ulong)seed, (ulong)index);

    internal static Guid Create(ulong domain, ulong key, ulong index)
    {
        var high = WorldRandom.Mix64(WorldRandom.Mix64(key ^ domain) + 0x9E3779B97F4A7C15UL);
        var low = WorldRandom.Mix64(index ^ WorldRandom.Mix64(key + domain)); // bijective in index for a fixed key
        Span<byte> b = stackalloc byte[16];
        // Bytes 0–5 and 6's low nibble and 8's low 6 bits: from high. Bytes 7 and 9–15: low's 64 bits.
        b[0] = (byte)(high >> 56);
        b[1] = (byte)(high >> 48);
        b[2] = (byte)(high >> 40);
        b[3] = (byte)(high >> 32);
        b[4] = (byte)(high >> 24);
        b[5] = (byte)(high >> 16);
        b[6] = (byte)(0x80 | ((high >> 8) & 0x0F)); // version 8
        b[7] = (byte)(low >> 56);
        b[8] = (byte)(0x80 | (high & 0x3F)); // variant 10xx
        b[9] = (byte)(low >> 48);
        b[10] = (byte)(low >> 40);
        b[11] = (byte)(low >> 32);
        b[12] = (byte)(low >> 24);
        b[13] = (byte)(low >> 16);
        b[14] = (byte)(low >> 8);
        b[15] = (byte)low;
        return new Guid(b, bigEndian: true);
    }
}
