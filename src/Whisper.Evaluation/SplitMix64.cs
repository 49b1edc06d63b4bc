namespace Whisper.Evaluation;

/// <summary>
/// SplitMix64 (Steele, Lea, Flood 2014): a seeded generator whose state is one ulong, so a stream can be derived per
/// user from (seed, user) and results do not depend on which thread serves the user. Hand-written because
/// <see cref="Random"/> cannot be derived per key cheaply.
/// </summary>
internal struct SplitMix64(ulong state)
{
    private ulong _state = state;

    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58_476D_1CE4_E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D0_49BB_1331_11EBUL;
        return z ^ (z >> 31);
    }

    public ulong Next()
    {
        _state += 0x9E37_79B9_7F4A_7C15UL;
        return Mix(_state);
    }

    /// <summary>Uniform in [0, n) (Lemire's multiply-shift; the bias for n ≪ 2^64 is negligible here).</summary>
    public int NextInt(int n) => (int)(((UInt128)Next() * (uint)n) >> 64);

    /// <summary>Uniform in [0, 1) with 24 random bits.</summary>
    public float NextFloat() => (Next() >> 40) * (1.0f / (1 << 24));

    /// <summary>Standard normal (Box-Muller, one of the pair).</summary>
    public double NextGaussian()
    {
        var u1 = ((Next() >> 11) + 1.0) / (1UL << 53);
        var u2 = (Next() >> 11) / (double)(1UL << 53);
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
