using System.Numerics;

namespace Whisper.World.Generation;

/// <summary>
/// xoshiro256** seeded through SplitMix64. Hand-written rather than <see cref="Random"/>: the generator needs a
/// value-type stream it can derive cheaply per (user, day) — four SplitMix steps, no allocation — so output stays
/// deterministic when work is split, and <see cref="Random"/>'s seeded algorithm is not promised stable across .NET versions.
/// Pass it by <c>ref</c>: copying the struct forks the stream.
/// </summary>
internal struct WorldRandom
{
    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;

    public WorldRandom(ulong seed)
    {
        var x = seed;
        _s0 = SplitMix(ref x);
        _s1 = SplitMix(ref x);
        _s2 = SplitMix(ref x);
        _s3 = SplitMix(ref x);
    }

    /// <summary>A stream for one purpose (<paramref name="tag"/>) and one key pair, independent of every other stream.</summary>
    public static WorldRandom For(long seed, ulong tag, long a = 0, long b = 0) =>
        new(Mix64(Mix64(Mix64((ulong)seed ^ tag) ^ (ulong)a) ^ ((ulong)b * 0x9E3779B97F4A7C15UL)));

    /// <summary>SplitMix64's finaliser: a bijection on 64-bit values with good avalanche.</summary>
    public static ulong Mix64(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static ulong SplitMix(ref ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        return Mix64(x);
    }

    public ulong NextUInt64()
    {
        var result = BitOperations.RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = BitOperations.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [0, n) by Lemire's multiply-shift; the bias (n / 2^32) is negligible for the sizes used here.</summary>
    public int NextInt(int n) => (int)(((NextUInt64() >> 32) * (ulong)n) >> 32);

    public bool NextBool(double probability) => NextDouble() < probability;

    /// <summary>Standard normal by Box–Muller (one value per call; the pair's twin is dropped to keep the struct small).</summary>
    public double NextGaussian()
    {
        var u1 = 1.0 - NextDouble();
        var u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>Poisson by Knuth's product method for small means, a rounded normal above 30.</summary>
    public int NextPoisson(double mean)
    {
        if (mean <= 0)
        {
            return 0;
        }

        if (mean > 30)
        {
            return (int)Math.Max(0, Math.Round(mean + (Math.Sqrt(mean) * NextGaussian())));
        }

        var limit = Math.Exp(-mean);
        var k = 0;
        var p = NextDouble();
        while (p > limit)
        {
            k++;
            p *= NextDouble();
        }

        return k;
    }
}
