namespace Whisper.Fork.Chunks;

/// <summary>What the manifest records about one stored chunk.</summary>
/// <param name="Id">Lower-case hex SHA-256 of the raw chunk (its name in the repository).</param>
/// <param name="RawBytes">Length of the raw chunk.</param>
/// <param name="StoredBytes">Length of the sealed file.</param>
/// <param name="StoredSha256">Lower-case hex SHA-256 of the sealed file: checkable without any key.</param>
/// <param name="KeyId">Master key that wraps the chunk's data key.</param>
public readonly record struct SealedChunk(string Id, int RawBytes, int StoredBytes, string StoredSha256, string KeyId);
