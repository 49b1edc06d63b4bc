namespace Whisper.Recommendation.Embeddings;

public sealed partial class EmbeddingTable
{
    /// <summary>First 8 bytes of a table snapshot.</summary>
    public static ReadOnlySpan<byte> SnapshotMagic => "WHSPEMB\n"u8;

    /// <summary>The only snapshot version this build writes and reads.</summary>
    public const int SnapshotVersion = 1;

    /// <summary>
    /// Writes the table in the format of docs/embedding-snapshot.md (rows in ascending id order, so equal tables give
    /// equal bytes). Writer thread only (or with the writer paused).
    /// </summary>
    public void WriteSnapshot(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var writer = new SnapshotWriter(stream);
        WriteSnapshot(writer);
        writer.WriteChecksum();
    }

    /// <summary>Reads a snapshot written by <see cref="WriteSnapshot(Stream)"/>; throws <see cref="EmbeddingSnapshotFormatException"/> for anything else.</summary>
    public static EmbeddingTable ReadSnapshot(Stream stream, string source = "embedding snapshot")
    {
        ArgumentNullException.ThrowIfNull(stream);
        var reader = new SnapshotReader(stream, source);
        var table = ReadSnapshot(reader);
        reader.VerifyChecksum();
        if (!reader.AtEnd())
        {
            throw reader.Error("unexpected bytes after the checksum");
        }

        return table;
    }

    internal void WriteSnapshot(SnapshotWriter writer)
    {
        writer.WriteBytes(SnapshotMagic);
        writer.WriteInt32(SnapshotVersion);
        writer.WriteShortString(_options.Name);
        writer.WriteInt32(_options.Dimension);
        writer.WriteInt32(_options.WithBias ? 1 : 0);
        writer.WriteInt32(_options.AdmitAfter);
        writer.WriteInt32(_options.MaxPending);
        writer.WriteInt64(_options.Ttl is null ? -1 : _ttlMs);
        writer.WriteInt32(_options.MaxRows);
        writer.WriteInt64(_options.Seed);
        writer.WriteSingle(_options.InitScale);
        writer.WriteSingle(_options.InitialAccumulator);
        writer.WriteInt64(_admitted);
        writer.WriteInt64(_evicted);
        writer.WriteInt64(_refusedFull);
        writer.WriteInt64(_pending?.Dropped ?? 0);
        writer.WriteInt64(_nextExpiry);

        var (ids, rows) = LiveRowsById();
        var n = ids.Length;
        writer.WriteInt32(n);
        for (var i = 0; i < n; i++)
        {
            writer.WriteInt64(ids[i]);
            writer.WriteInt64(LastSeen(rows[i]));
            writer.WriteSingles(MutableWeights(rows[i]));
            writer.WriteSingles(Accumulators(rows[i]));
        }

        writer.WriteInt32(_pending?.Capacity ?? 0);
        _pending?.Write(writer);
    }

    internal static EmbeddingTable ReadSnapshot(SnapshotReader reader)
    {
        Span<byte> magic = stackalloc byte[8];
        reader.Field = "magic";
        reader.ReadBytes(magic);
        if (!magic.SequenceEqual(SnapshotMagic))
        {
            throw new EmbeddingSnapshotFormatException(reader.Source, 0, "not a Whisper embedding snapshot (wrong magic)");
        }

        reader.Field = "version";
        var version = reader.ReadInt32();
        if (version != SnapshotVersion)
        {
            throw new EmbeddingSnapshotFormatException(reader.Source, 8, $"snapshot format version {version} is not supported (this build reads version {SnapshotVersion})");
        }

        reader.Field = "options";
        var name = reader.ReadShortString();
        var dimension = reader.ReadInt32();
        var flags = reader.ReadInt32();
        var admitAfter = reader.ReadInt32();
        var maxPending = reader.ReadInt32();
        var ttlMs = reader.ReadInt64();
        var maxRows = reader.ReadInt32();
        var seed = reader.ReadInt64();
        var initScale = reader.ReadSingle();
        var initialAccumulator = reader.ReadSingle();
        if ((flags & ~1) != 0 || ttlMs < -1 || ttlMs == 0)
        {
            throw reader.Error($"table '{name}' has invalid flags ({flags}) or TTL ({ttlMs} ms)");
        }

        var options = new EmbeddingTableOptions
        {
            Name = name,
            Dimension = dimension,
            WithBias = (flags & 1) != 0,
            AdmitAfter = admitAfter,
            MaxPending = maxPending,
            Ttl = ttlMs < 0 ? null : TimeSpan.FromMilliseconds(ttlMs),
            MaxRows = maxRows,
            Seed = seed,
            InitScale = initScale,
            InitialAccumulator = initialAccumulator,
        };
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw reader.Error($"table '{name}' has invalid options: {string.Join(" ", problems)}");
        }

        var table = new EmbeddingTable(options);
        reader.Field = "counters";
        table._admitted = reader.ReadInt64();
        table._evicted = reader.ReadInt64();
        table._refusedFull = reader.ReadInt64();
        var pendingDropped = reader.ReadInt64();
        table._nextExpiry = reader.ReadInt64();

        reader.Field = "row count";
        var count = reader.ReadInt32();
        if (count < 0 || count > maxRows)
        {
            throw reader.Error($"table '{name}' claims {count} rows, outside 0..MaxRows ({maxRows})");
        }

        var previous = long.MinValue;
        for (var i = 0; i < count; i++)
        {
            reader.Field = $"row {i} of table '{name}'";
            var id = reader.ReadInt64();
            if (i > 0 && id <= previous)
            {
                throw reader.Error($"table '{name}' row ids are not strictly ascending at row {i}");
            }

            previous = id;
            var lastSeen = reader.ReadInt64();
            if (lastSeen == FreeRow)
            {
                throw reader.Error($"table '{name}' row {i} has the reserved last-seen value");
            }

            var row = table.Insert(id, lastSeen);
            reader.ReadSingles(table.MutableWeights(row));
            reader.ReadSingles(table.Accumulators(row));
        }

        reader.Field = "pending capacity";
        var pendingCapacity = reader.ReadInt32();
        if (pendingCapacity != (table._pending?.Capacity ?? 0))
        {
            throw reader.Error($"table '{name}' has {pendingCapacity} pending entries; its options imply {table._pending?.Capacity ?? 0}");
        }

        if (table._pending is not null)
        {
            reader.Field = $"pending counts of table '{name}'";
            table._pending.Read(reader);
            table._pending.Dropped = pendingDropped;
        }

        return table;
    }
}
