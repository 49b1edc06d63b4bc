using System.Globalization;
using System.Security.Cryptography;

using Whisper.Recommendation.Embeddings;
using Whisper.Recommendation.Training;

namespace Whisper.Recommendation.Attestation;

/// <summary>
/// A model file as approval sees it: its SHA-256 over the exact bytes, and the version it serves under. A training
/// checkpoint names its own version (<c>two-tower/&lt;lineage&gt;</c>, the <see cref="Model.IEmbeddingModel.Version"/>
/// feed pages carry) and its version id adds the log position (<c>two-tower/&lt;lineage&gt;@&lt;position&gt;</c>); any
/// other file (an embedding snapshot, a ranker model) needs the version given.
/// </summary>
/// <param name="Path">Where the file was read.</param>
/// <param name="Kind"><see cref="CheckpointKind"/> or <see cref="FileKind"/>.</param>
/// <param name="Version">What served responses name.</param>
/// <param name="VersionId">The transparency-log subject: unique per approved file of a version.</param>
/// <param name="Position">Log position a checkpoint covers; null for other files.</param>
/// <param name="Size">Bytes hashed.</param>
/// <param name="Sha256">64 lowercase hex digits.</param>
public sealed record ModelArtifact(string Path, string Kind, string Version, string VersionId, long? Position, long Size, string Sha256)
{
    public const string CheckpointKind = "checkpoint";

    public const string FileKind = "file";

    /// <summary>SHA-256 of the file's bytes as they are on disk now, lowercase hex.</summary>
    public static string Sha256OfFile(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>
    /// Hashes <paramref name="path"/> and names its version: read from a checkpoint's header, else
    /// <paramref name="version"/> (which, for a checkpoint, must agree with the header).
    /// </summary>
    /// <exception cref="ModelAttestationException">Missing file, unreadable checkpoint header, or no version for a non-checkpoint file.</exception>
    public static ModelArtifact Describe(string path, string? version = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new ModelAttestationException($"no model file at {path}; give the checkpoint (ckpt-….wck) or snapshot to approve.");
        }

        var size = new FileInfo(path).Length;
        if (TryReadCheckpointHeader(path, out var lineage, out var position))
        {
            var own = $"two-tower/{lineage}";
            if (version is not null && version != own)
            {
                throw new ModelAttestationException($"{path} is a checkpoint of version {own}, not {version}; leave the version out for checkpoints.");
            }

            return new ModelArtifact(path, CheckpointKind, own, string.Create(CultureInfo.InvariantCulture, $"{own}@{position}"), position, size, Sha256OfFile(path));
        }

        if (string.IsNullOrWhiteSpace(version))
        {
            throw new ModelAttestationException($"{path} is not a training checkpoint; give the version it serves under (e.g. --version ranker/lightgbm-2026-03-01).");
        }

        return new ModelArtifact(path, FileKind, version, version, null, size, Sha256OfFile(path));
    }

    private static bool TryReadCheckpointHeader(string path, out string lineage, out long position)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        Span<byte> magic = stackalloc byte[8];
        if (stream.ReadAtLeast(magic, magic.Length, throwOnEndOfStream: false) < magic.Length || !magic.SequenceEqual(TrainingCheckpoint.Magic))
        {
            (lineage, position) = ("", 0);
            return false;
        }

        stream.Position = 0;
        try
        {
            (_, lineage, position) = TrainingCheckpoint.ReadHeader(new SnapshotReader(stream, path));
            return true;
        }
        catch (EmbeddingSnapshotFormatException e)
        {
            throw new ModelAttestationException($"{path} starts like a checkpoint but its header does not read: {e.Message}");
        }
    }
}
