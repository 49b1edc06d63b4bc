namespace Whisper.Fork.Chunks;

/// <summary>
/// A sealed chunk was refused: damaged, tampered with, truncated, not a chunk, or presented under the wrong chunk
/// id. The message names the chunk id in lowercase hex and the reason; it never quotes chunk bytes.
/// </summary>
public sealed class ChunkIntegrityException : Exception
{
    /// <summary>A refusal by a check outside <see cref="ChunkCipher"/> (<see cref="ChunkCipherFault.ContentMismatch"/>).</summary>
    /// <param name="chunkId">The chunk id in lowercase hex.</param>
    /// <param name="message">What is wrong; prefixed with the chunk id unless it already names it.</param>
    public ChunkIntegrityException(string chunkId, string message)
        : this(chunkId, ChunkCipherFault.ContentMismatch, message)
    {
    }

    /// <param name="chunkId">The chunk id in lowercase hex; empty when the caller has none.</param>
    /// <param name="fault">Which check failed.</param>
    /// <param name="reason">What is wrong; prefixed with the chunk id unless it already names it.</param>
    /// <param name="innerException">The cryptographic failure behind it, if any.</param>
    public ChunkIntegrityException(string chunkId, ChunkCipherFault fault, string reason, Exception? innerException = null)
        : base(Describe(chunkId, reason), innerException)
    {
        ChunkId = chunkId;
        Fault = fault;
    }

    /// <summary>
    /// The chunk id (SHA-256 of the plaintext) in lowercase hex; empty where the caller gave none
    /// (<see cref="ChunkCipher.ReadKeyId"/>, <see cref="ChunkCipher.PlaintextLength"/>).
    /// </summary>
    public string ChunkId { get; }

    /// <summary>Which check failed.</summary>
    public ChunkCipherFault Fault { get; }

    private static string Describe(string chunkId, string reason)
    {
        ArgumentNullException.ThrowIfNull(chunkId);
        ArgumentNullException.ThrowIfNull(reason);
        if (chunkId.Length == 0)
        {
            return $"Sealed chunk refused: {reason}.";
        }

        return reason.Contains(chunkId, StringComparison.OrdinalIgnoreCase) ? reason : $"Chunk {chunkId} refused: {reason}.";
    }
}
