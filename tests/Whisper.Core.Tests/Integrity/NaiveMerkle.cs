using System.Security.Cryptography;

namespace Whisper.Core.Tests.Integrity;

/// <summary>
/// The RFC 6962 §2.1 definitions written out literally (recursive, on raw leaf data, hashing with SHA-256 directly)
/// so the production code is checked against something that shares none of its code.
/// </summary>
internal static class NaiveMerkle
{
    public static byte[] Leaf(byte[] data) => SHA256.HashData([0x00, .. data]);

    public static byte[] Node(byte[] left, byte[] right) => SHA256.HashData([0x01, .. left, .. right]);

    public static byte[] Mth(byte[][] d)
    {
        if (d.Length == 0)
        {
            return SHA256.HashData(Array.Empty<byte>());
        }

        if (d.Length == 1)
        {
            return Leaf(d[0]);
        }

        var k = LargestPowerOfTwoBelow(d.Length);
        return Node(Mth(d[..k]), Mth(d[k..]));
    }

    /// <summary>PATH(m, D[n]).</summary>
    public static List<byte[]> Path(int m, byte[][] d)
    {
        if (d.Length == 1)
        {
            return [];
        }

        var k = LargestPowerOfTwoBelow(d.Length);
        return m < k
            ? [.. Path(m, d[..k]), Mth(d[k..])]
            : [.. Path(m - k, d[k..]), Mth(d[..k])];
    }

    /// <summary>PROOF(m, D[n]) = SUBPROOF(m, D[n], true).</summary>
    public static List<byte[]> Proof(int m, byte[][] d) => SubProof(m, d, true);

    private static List<byte[]> SubProof(int m, byte[][] d, bool b)
    {
        if (m == d.Length)
        {
            return b ? [] : [Mth(d)];
        }

        var k = LargestPowerOfTwoBelow(d.Length);
        return m <= k
            ? [.. SubProof(m, d[..k], b), Mth(d[k..])]
            : [.. SubProof(m - k, d[k..], false), Mth(d[..k])];
    }

    private static int LargestPowerOfTwoBelow(int n)
    {
        var k = 1;
        while (k * 2 < n)
        {
            k *= 2;
        }

        return k;
    }

    /// <summary>n distinct leaves of varying lengths (0..40 bytes).</summary>
    public static byte[][] Data(int n)
    {
        var data = new byte[n][];
        for (var i = 0; i < n; i++)
        {
            data[i] = new byte[i % 41];
            for (var j = 0; j < data[i].Length; j++)
            {
                data[i][j] = (byte)((i * 31) + j);
            }

            if (data[i].Length == 0 && i > 0)
            {
                data[i] = [(byte)i, (byte)(i >> 8), 0xEE];
            }
        }

        return data;
    }
}
