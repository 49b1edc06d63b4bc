using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Whisper.Recommendation.Embeddings;

/// <summary>
/// The few vector kernels the towers need, on fixed-width <see cref="Vector128{T}"/> so the summation order — and
/// therefore every trained bit — is the same on every CPU (x64 with or without AVX, Arm). No FMA: the JIT never
/// contracts a*b+c, so results stay reproducible. At dimension 32 a dot product is 8 vector steps (~5 ns).
/// </summary>
internal static class VectorMath
{
    public static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var n = a.Length;
        b = b[..n]; // bounds once, so the loads below stay in range
        ref var ra = ref MemoryMarshal.GetReference(a);
        ref var rb = ref MemoryMarshal.GetReference(b);
        var acc = Vector128<float>.Zero;
        var i = 0;
        for (; i <= n - 4; i += 4)
        {
            acc += Vector128.LoadUnsafe(ref ra, (nuint)i) * Vector128.LoadUnsafe(ref rb, (nuint)i);
        }

        var sum = (acc.GetElement(0) + acc.GetElement(1)) + (acc.GetElement(2) + acc.GetElement(3));
        for (; i < n; i++)
        {
            sum += Unsafe.Add(ref ra, i) * Unsafe.Add(ref rb, i);
        }

        return sum;
    }

    /// <summary>destination += source.</summary>
    public static void Add(Span<float> destination, ReadOnlySpan<float> source)
    {
        var n = destination.Length;
        source = source[..n];
        ref var rd = ref MemoryMarshal.GetReference(destination);
        ref var rs = ref MemoryMarshal.GetReference(source);
        var i = 0;
        for (; i <= n - 4; i += 4)
        {
            (Vector128.LoadUnsafe(ref rd, (nuint)i) + Vector128.LoadUnsafe(ref rs, (nuint)i)).StoreUnsafe(ref rd, (nuint)i);
        }

        for (; i < n; i++)
        {
            Unsafe.Add(ref rd, i) += Unsafe.Add(ref rs, i);
        }
    }

    /// <summary>destination *= scale.</summary>
    public static void Scale(Span<float> destination, float scale)
    {
        var n = destination.Length;
        ref var rd = ref MemoryMarshal.GetReference(destination);
        var s = Vector128.Create(scale);
        var i = 0;
        for (; i <= n - 4; i += 4)
        {
            (Vector128.LoadUnsafe(ref rd, (nuint)i) * s).StoreUnsafe(ref rd, (nuint)i);
        }

        for (; i < n; i++)
        {
            Unsafe.Add(ref rd, i) *= scale;
        }
    }

    /// <summary>destination += scale · source.</summary>
    public static void AddScaled(Span<float> destination, ReadOnlySpan<float> source, float scale)
    {
        var n = destination.Length;
        source = source[..n];
        ref var rd = ref MemoryMarshal.GetReference(destination);
        ref var rs = ref MemoryMarshal.GetReference(source);
        var s = Vector128.Create(scale);
        var i = 0;
        for (; i <= n - 4; i += 4)
        {
            (Vector128.LoadUnsafe(ref rd, (nuint)i) + (Vector128.LoadUnsafe(ref rs, (nuint)i) * s)).StoreUnsafe(ref rd, (nuint)i);
        }

        for (; i < n; i++)
        {
            Unsafe.Add(ref rd, i) += Unsafe.Add(ref rs, i) * scale;
        }
    }

    /// <summary>
    /// One Adagrad step with gradient <c>scale · direction</c>: acc += g², w −= lr · g / √acc, element-wise.
    /// <paramref name="weights"/> and <paramref name="accumulator"/> are the two halves of one table row.
    /// </summary>
    public static void Adagrad(Span<float> weights, Span<float> accumulator, ReadOnlySpan<float> direction, float scale, float learningRate)
    {
        var n = weights.Length;
        accumulator = accumulator[..n];
        direction = direction[..n];
        ref var rw = ref MemoryMarshal.GetReference(weights);
        ref var ra = ref MemoryMarshal.GetReference(accumulator);
        ref var rg = ref MemoryMarshal.GetReference(direction);
        var s = Vector128.Create(scale);
        var lr = Vector128.Create(learningRate);
        var i = 0;
        for (; i <= n - 4; i += 4)
        {
            var g = Vector128.LoadUnsafe(ref rg, (nuint)i) * s;
            var acc = Vector128.LoadUnsafe(ref ra, (nuint)i) + (g * g);
            acc.StoreUnsafe(ref ra, (nuint)i);
            (Vector128.LoadUnsafe(ref rw, (nuint)i) - (lr * g / Vector128.Sqrt(acc))).StoreUnsafe(ref rw, (nuint)i);
        }

        for (; i < n; i++)
        {
            var g = Unsafe.Add(ref rg, i) * scale;
            var acc = Unsafe.Add(ref ra, i) + (g * g);
            Unsafe.Add(ref ra, i) = acc;
            Unsafe.Add(ref rw, i) -= learningRate * g / MathF.Sqrt(acc);
        }
    }

    /// <summary>
    /// <see cref="Adagrad(Span{float}, Span{float}, ReadOnlySpan{float}, float, float)"/> with an L2 term (weight decay):
    /// g = scale · direction + l2 · w, acc += g², w −= lr · g / √acc, element-wise.
    /// </summary>
    public static void AdagradDecay(Span<float> weights, Span<float> accumulator, ReadOnlySpan<float> direction, float scale, float learningRate, float l2)
    {
        var n = weights.Length;
        accumulator = accumulator[..n];
        direction = direction[..n];
        ref var rw = ref MemoryMarshal.GetReference(weights);
        ref var ra = ref MemoryMarshal.GetReference(accumulator);
        ref var rg = ref MemoryMarshal.GetReference(direction);
        var s = Vector128.Create(scale);
        var lr = Vector128.Create(learningRate);
        var decay = Vector128.Create(l2);
        var i = 0;
        for (; i <= n - 4; i += 4)
        {
            var w = Vector128.LoadUnsafe(ref rw, (nuint)i);
            var g = (Vector128.LoadUnsafe(ref rg, (nuint)i) * s) + (decay * w);
            var acc = Vector128.LoadUnsafe(ref ra, (nuint)i) + (g * g);
            acc.StoreUnsafe(ref ra, (nuint)i);
            (w - (lr * g / Vector128.Sqrt(acc))).StoreUnsafe(ref rw, (nuint)i);
        }

        for (; i < n; i++)
        {
            var g = (Unsafe.Add(ref rg, i) * scale) + (l2 * Unsafe.Add(ref rw, i));
            var acc = Unsafe.Add(ref ra, i) + (g * g);
            Unsafe.Add(ref ra, i) = acc;
            Unsafe.Add(ref rw, i) -= learningRate * g / MathF.Sqrt(acc);
        }
    }

    /// <summary>Adagrad on one scalar (a bias).</summary>
    public static void Adagrad(ref float weight, ref float accumulator, float gradient, float learningRate)
    {
        accumulator += gradient * gradient;
        weight -= learningRate * gradient / MathF.Sqrt(accumulator);
    }
}
