using Whisper.Core.Integrity;
using Whisper.Security.Transparency;

namespace Whisper.Security.Tests.Transparency;

/// <summary>Level 0 in memory, so <see cref="SubtreeIndex"/> can be checked against Core without files.</summary>
internal sealed class MemoryLeafHashes : ILeafHashSource
{
    public List<byte[]> Hashes { get; } = [];

    public static (MemoryLeafHashes Leaves, SubtreeIndex Tree) Build(int n)
    {
        var leaves = new MemoryLeafHashes();
        var tree = new SubtreeIndex(leaves);
        for (var i = 0; i < n; i++)
        {
            var hash = MerkleTree.LeafHash(BitConverter.GetBytes(i));
            leaves.Hashes.Add(hash);
            tree.Append(hash);
        }

        tree.Publish();
        return (leaves, tree);
    }

    public void ReadLeafHashes(long start, int count, Span<byte> destination)
    {
        for (var i = 0; i < count; i++)
        {
            Hashes[(int)start + i].CopyTo(destination.Slice(i * MerkleTree.HashSize, MerkleTree.HashSize));
        }
    }
}
