namespace Whisper.Recommendation.Embeddings;

/// <summary>64-bit mixers (MurmurHash3's fmix64 and SplitMix64): spread ids over slots and derive per-id random streams.</summary>
internal static class IdHash
{
    public static ulong Mix(long id)
    {
        var z = (ulong)id;
        z ^= z >> 33;
        z *= 0xff51afd7ed558ccdUL;
        z ^= z >> 33;
        z *= 0xc4ceb9fe1a85ec53UL;
        z ^= z >> 33;
        return z;
    }

    /// <summary>One SplitMix64 step: advances <paramref name="state"/> and returns 64 well-mixed bits.</summary>
    public static ulong Next(ref ulong state)
    {
        state += 0x9e3779b97f4a7c15UL;
        var z = state;
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9UL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebUL;
        return z ^ (z >> 31);
    }

    /// <summary>A uniform float in [−1, 1) from the top 24 bits.</summary>
    public static float NextSigned(ref ulong state) => ((Next(ref state) >> 40) * (1f / (1 << 23))) - 1f;
}
