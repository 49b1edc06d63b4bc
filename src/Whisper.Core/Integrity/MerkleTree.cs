using System.Buffers;
using System.Security.Cryptography;

namespace Whisper.Core.Integrity;

/// <summary>
/// RFC 6962 Merkle tree hashing over SHA-256: leaf hash = SHA-256(0x00 || data), node hash =
/// SHA-256(0x01 || left || right), and the Merkle Tree Hash (MTH) of n leaves splits at the largest power of two
/// smaller than n. Proofs follow RFC 6962 §2.1.1 / §2.1.2 and are checked with the RFC 9162 §2.1.3.2 / §2.1.4.2
/// algorithms, so a transparency log can reuse them unchanged.
/// </summary>
/// <remarks>
/// Hashes are always <see cref="HashSize"/> bytes. Proof lists are ordered from the leaf end upwards (the order
/// the RFCs define and transmit). Methods that build roots and proofs take the full list of leaf hashes; the
/// verifiers need only sizes, hashes and the proof, and return <see langword="false"/> for any malformed input
/// rather than throwing.
/// </remarks>
public static partial class MerkleTree
{
    /// <summary>Bytes in every leaf hash, node hash and root: SHA-256.</summary>
    public const int HashSize = 32;

    private const byte LeafPrefix = 0x00;
    private const byte NodePrefix = 0x01;

    // Inputs up to this size are prefixed on the stack and hashed in one call; larger ones go through an
    // incremental hash so a 4 MiB chunk is never copied just to put one byte in front of it.
    private const int StackLeafLimit = 1024;

    /// <summary>The root of the empty tree: SHA-256 of the empty string (<c>e3b0c442…b855</c>).</summary>
    public static byte[] EmptyRoot() => SHA256.HashData(ReadOnlySpan<byte>.Empty);

    /// <summary>SHA-256(0x00 || <paramref name="data"/>).</summary>
    public static byte[] LeafHash(ReadOnlySpan<byte> data)
    {
        var hash = new byte[HashSize];
        LeafHash(data, hash);
        return hash;
    }

    /// <summary>Writes SHA-256(0x00 || <paramref name="data"/>) into the first 32 bytes of <paramref name="destination"/>.</summary>
    public static void LeafHash(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        RequireHashSpace(destination);
        if (data.Length <= StackLeafLimit)
        {
            Span<byte> input = stackalloc byte[1 + StackLeafLimit];
            input[0] = LeafPrefix;
            data.CopyTo(input[1..]);
            SHA256.HashData(input[..(1 + data.Length)], destination);
            return;
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData([LeafPrefix]);
        hash.AppendData(data);
        hash.GetHashAndReset(destination);
    }

    /// <summary>SHA-256(0x01 || <paramref name="left"/> || <paramref name="right"/>); both inputs are 32-byte hashes.</summary>
    public static byte[] NodeHash(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        var hash = new byte[HashSize];
        NodeHash(left, right, hash);
        return hash;
    }

    /// <summary>
    /// Writes SHA-256(0x01 || <paramref name="left"/> || <paramref name="right"/>) into <paramref name="destination"/>,
    /// which may overlap either input.
    /// </summary>
    public static void NodeHash(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right, Span<byte> destination)
    {
        RequireHash(left, nameof(left));
        RequireHash(right, nameof(right));
        RequireHashSpace(destination);
        Span<byte> input = stackalloc byte[1 + (2 * HashSize)];
        input[0] = NodePrefix;
        left.CopyTo(input[1..]);
        right.CopyTo(input[(1 + HashSize)..]);
        SHA256.HashData(input, destination);
    }

    /// <summary>The Merkle Tree Hash of the leaves; the empty list gives <see cref="EmptyRoot"/>.</summary>
    /// <exception cref="ArgumentException">A leaf hash is not 32 bytes.</exception>
    public static byte[] RootFromLeafHashes(IReadOnlyList<byte[]> leafHashes)
    {
        ArgumentNullException.ThrowIfNull(leafHashes);
        RequireLeafHashes(leafHashes);
        var root = new byte[HashSize];
        if (leafHashes.Count == 0)
        {
            SHA256.HashData(ReadOnlySpan<byte>.Empty, root);
            return root;
        }

        SubtreeRoot(leafHashes, 0, leafHashes.Count, root);
        return root;
    }

    /// <summary>
    /// MTH(D[start:end]) for 0 ≤ start &lt; end. Pairs neighbours level by level and carries a lone last node up
    /// unchanged, which yields exactly the RFC's split-at-the-largest-power-of-two tree. One pooled scratch buffer
    /// of 32 bytes per leaf (32 KiB for 1,024 chunks).
    /// </summary>
    private static void SubtreeRoot(IReadOnlyList<byte[]> leafHashes, int start, int end, Span<byte> destination)
    {
        var width = end - start;
        if (width == 1)
        {
            leafHashes[start].CopyTo(destination);
            return;
        }

        var rented = ArrayPool<byte>.Shared.Rent(width * HashSize);
        try
        {
            var level = rented.AsSpan(0, width * HashSize);
            for (var i = 0; i < width; i++)
            {
                leafHashes[start + i].CopyTo(level.Slice(i * HashSize, HashSize));
            }

            while (width > 1)
            {
                var next = 0;
                for (var i = 0; i + 1 < width; i += 2, next++)
                {
                    NodeHash(Node(level, i), Node(level, i + 1), Node(level, next));
                }

                if ((width & 1) == 1)
                {
                    Node(level, width - 1).CopyTo(Node(level, next));
                    next++;
                }

                width = next;
            }

            Node(level, 0).CopyTo(destination);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static Span<byte> Node(Span<byte> level, int index) => level.Slice(index * HashSize, HashSize);

    private static byte[] SubtreeRoot(IReadOnlyList<byte[]> leafHashes, int start, int end)
    {
        var root = new byte[HashSize];
        SubtreeRoot(leafHashes, start, end, root);
        return root;
    }

    /// <summary>The largest power of two strictly smaller than <paramref name="n"/> (n ≥ 2).</summary>
    private static int SplitPoint(int n) => 1 << (31 - int.LeadingZeroCount(n - 1));

    private static void RequireLeafHashes(IReadOnlyList<byte[]> leafHashes)
    {
        for (var i = 0; i < leafHashes.Count; i++)
        {
            if (leafHashes[i] is not { Length: HashSize })
            {
                throw new ArgumentException(
                    $"leafHashes[{i}] is {leafHashes[i]?.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "null"}; every leaf hash is {HashSize} bytes.",
                    nameof(leafHashes));
            }
        }
    }

    private static void RequireHash(ReadOnlySpan<byte> hash, string name)
    {
        if (hash.Length != HashSize)
        {
            throw new ArgumentException($"A hash is {HashSize} bytes; got {hash.Length}.", name);
        }
    }

    private static void RequireHashSpace(Span<byte> destination)
    {
        if (destination.Length < HashSize)
        {
            throw new ArgumentException($"The destination needs {HashSize} bytes; it has {destination.Length}.", nameof(destination));
        }
    }

    private static bool AllHashes(IReadOnlyList<byte[]> proof)
    {
        for (var i = 0; i < proof.Count; i++)
        {
            if (proof[i] is not { Length: HashSize })
            {
                return false;
            }
        }

        return true;
    }
}
