using System.Text.Json.Serialization;

using Whisper.Fork.Chunks;
using Whisper.Fork.Records;

namespace Whisper.Fork.Manifest;

/// <summary>
/// The signed description of one export: what was taken (per table counts and content digests), where the
/// snapshot stands in the source's logs, and every chunk with its hashes under a Merkle root. Format in
/// docs/migration-format.md.
/// </summary>
public sealed record ForkManifest
{
    public const string CurrentFormat = "whisper-fork-manifest/1";

    public required string Format { get; init; }

    public required Guid ExportId { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required string TargetRegion { get; init; }

    public required ForkMode Mode { get; init; }

    /// <summary>SHA-256 of the residency policy file's bytes, so import and verify can insist on the same rules.</summary>
    public required string PolicySha256 { get; init; }

    /// <summary>Last event-log sequence inside the snapshot; CDC starts after it.</summary>
    public required long SnapshotEventPosition { get; init; }

    /// <summary>Last catalog-change sequence before the snapshot began; CDC re-applies changes after it.</summary>
    public required long SnapshotChangePosition { get; init; }

    public required IReadOnlyList<ManifestTable> Tables { get; init; }

    public required IReadOnlyList<ManifestChunk> Chunks { get; init; }

    public IReadOnlyList<ManifestModel> Models { get; init; } = [];

    /// <summary>RFC 6962 Merkle root (hex) over <see cref="ManifestChunk.LeafData"/> of every chunk, in order.</summary>
    public required string MerkleRoot { get; init; }
}

/// <summary>One table's share of the export: rows taken and their <see cref="ContentDigest"/>.</summary>
public sealed record ManifestTable(ForkTable Table, long Records, string DigestSum);

/// <summary>One chunk, in export order.</summary>
public sealed record ManifestChunk(int Index, ForkTable Table, int Records, string Id, int RawBytes, int StoredBytes, string StoredSha256, string KeyId)
{
    [JsonIgnore]
    public SealedChunk Sealed => new(Id, RawBytes, StoredBytes, StoredSha256, KeyId);

    /// <summary>The Merkle leaf: <c>index:table:records:id:storedSha256</c> in UTF-8.</summary>
    public byte[] LeafData() => System.Text.Encoding.UTF8.GetBytes(
        FormattableString.Invariant($"{Index}:{ForkTables.NameOf(Table)}:{Records}:{Id}:{StoredSha256}"));
}

/// <summary>A model or embedding snapshot file carried as <see cref="ForkTable.Model"/> chunks <see cref="FirstChunk"/>…+<see cref="ChunkCount"/>.</summary>
public sealed record ManifestModel(string Name, long Bytes, string Sha256, int FirstChunk, int ChunkCount);
