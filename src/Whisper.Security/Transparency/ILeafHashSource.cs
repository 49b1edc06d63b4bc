namespace Whisper.Security.Transparency;

/// <summary>Level 0 of the tree: where <see cref="SubtreeIndex"/> reads leaf hashes it does not cache.</summary>
internal interface ILeafHashSource
{
    /// <summary>Copies the hashes of leaves [start, start + count) into <paramref name="destination"/>, 32 bytes each, packed.</summary>
    void ReadLeafHashes(long start, int count, Span<byte> destination);
}
