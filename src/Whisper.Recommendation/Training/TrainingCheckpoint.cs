using Whisper.Recommendation.Catalog;
using Whisper.Recommendation.Embeddings;
using Whisper.Recommendation.Model;

namespace Whisper.Recommendation.Training;

/// <summary>
/// The checkpoint file (docs/embedding-snapshot.md, "Checkpoint file"): everything the trainer's future depends on —
/// options, lineage, log position, the seven tables, global bias, event-time clocks, counters and the negative pool.
/// </summary>
internal static class TrainingCheckpoint
{
    /// <summary>
    /// 3 added <see cref="TwoTowerOptions.L2"/>, <see cref="TwoTowerOptions.Loss"/> and
    /// <see cref="TwoTowerOptions.NegativeSampling"/> to the options and the distinct-video list to the negative pool;
    /// version 2 files still read (as L2 0, pointwise, exposure sampling).
    /// </summary>
    public const int Version = 3;

    /// <summary>The oldest version this build reads.</summary>
    public const int MinVersion = 2;

    public static ReadOnlySpan<byte> Magic => "WHSPCKP\n"u8;

    public static void Write(Stream stream, TwoTowerModel model, TwoTowerLearner learner)
    {
        var w = new SnapshotWriter(stream);
        w.WriteBytes(Magic);
        w.WriteInt32(Version);
        w.WriteShortString(model.Lineage);
        w.WriteInt64(model.Position);
        WriteOptions(w, model.Options);
        var tables = model.AllTables;
        w.WriteInt32(tables.Count);
        foreach (var table in tables)
        {
            table.WriteSnapshot(w);
        }

        w.WriteSingle(model.GlobalBias);
        w.WriteSingle(model.GlobalBiasAccumulator);
        w.WriteInt64(learner.Watermark);
        w.WriteInt64(learner.NextSweepAt);
        var s = learner.Stats;
        foreach (var counter in (long[])[s.Events, s.Examples, s.Positives, s.Negatives, s.SampledNegatives, s.UnknownVideos, s.Ignored])
        {
            w.WriteInt64(counter);
        }

        learner.Pool.Write(w);
        w.WriteChecksum();
    }

    /// <summary>Reads a whole checkpoint; the model is built only if every byte and the checksum are right.</summary>
    public static (TwoTowerModel Model, TwoTowerLearner Learner) Read(Stream stream, string source, CatalogView catalog, TimeProvider? clock)
    {
        var r = new SnapshotReader(stream, source);
        var (version, lineage, position) = ReadHeader(r);
        var options = ReadOptions(r, version);
        r.Field = "table count";
        var count = r.ReadInt32();
        var expected = options.TableOptions();
        if (count != expected.Count)
        {
            throw r.Error($"{count} tables; this build's model has {expected.Count}");
        }

        var tables = new EmbeddingTable[count];
        for (var i = 0; i < count; i++)
        {
            tables[i] = EmbeddingTable.ReadSnapshot(r);
            if (tables[i].Options != expected[i])
            {
                throw r.Error($"table {i} ('{tables[i].Options.Name}') does not match the checkpoint's model options");
            }
        }

        var model = new TwoTowerModel(options, catalog, clock, lineage, tables);
        var learner = new TwoTowerLearner(model);
        r.Field = "trainer state";
        model.GlobalBias = r.ReadSingle();
        model.GlobalBiasAccumulator = r.ReadSingle();
        learner.Watermark = r.ReadInt64();
        learner.NextSweepAt = r.ReadInt64();
        learner.Stats = new TrainerStats(r.ReadInt64(), r.ReadInt64(), r.ReadInt64(), r.ReadInt64(), r.ReadInt64(), r.ReadInt64(), r.ReadInt64());
        learner.Pool.Read(r, withDistinct: version >= 3);
        r.VerifyChecksum();
        if (!r.AtEnd())
        {
            throw r.Error("unexpected bytes after the checksum");
        }

        model.SetPosition(position);
        return (model, learner);
    }

    /// <summary>
    /// Reads and checks the fields before the model options: magic, version, lineage, position. Nothing after them is
    /// read, so the checksum is not verified: a header that reads is no proof that the rest of the file does.
    /// </summary>
    public static (int Version, string Lineage, long Position) ReadHeader(SnapshotReader r)
    {
        Span<byte> magic = stackalloc byte[8];
        r.Field = "magic";
        r.ReadBytes(magic);
        if (!magic.SequenceEqual(Magic))
        {
            throw new EmbeddingSnapshotFormatException(r.Source, 0, "not a Whisper training checkpoint (wrong magic)");
        }

        r.Field = "version";
        var version = r.ReadInt32();
        if (version is < MinVersion or > Version)
        {
            throw new EmbeddingSnapshotFormatException(r.Source, 8, $"checkpoint format version {version} is not supported (this build reads versions {MinVersion}..{Version})");
        }

        r.Field = "lineage";
        var lineage = r.ReadShortString();
        r.Field = "position";
        var position = r.ReadInt64();
        if (position < 0)
        {
            throw r.Error($"negative log position {position}");
        }

        return (version, lineage, position);
    }

    private static void WriteOptions(SnapshotWriter w, TwoTowerOptions o)
    {
        w.WriteInt32(o.Dimension);
        w.WriteInt64(o.Seed);
        w.WriteSingle(o.LearningRate);
        w.WriteSingle(o.InitScale);
        w.WriteInt32(o.UserAdmitAfter);
        w.WriteInt32(o.VideoAdmitAfter);
        w.WriteInt64(o.Ttl?.Ticks ?? -1);
        w.WriteInt64(o.SweepInterval.Ticks);
        w.WriteInt32(o.MaxUsers);
        w.WriteInt32(o.MaxVideos);
        w.WriteInt32(o.MaxCreators);
        w.WriteInt32(o.MaxTopics);
        w.WriteInt32(o.MaxPending);
        w.WriteSingle(o.LongWatchFraction);
        w.WriteSingles([o.LongWatchWeight, o.LikeWeight, o.ShareWeight, o.CommentWeight, o.FollowWeight, o.SkipWeight, o.ShortViewWeight, o.SampledNegativeWeight]);
        w.WriteInt32(o.NegativesPerPositive);
        w.WriteInt32(o.NegativePoolSize);
        w.WriteSingle(o.HistoryDecay);
        w.WriteSingle(o.L2);
        w.WriteInt32((int)o.Loss);
        w.WriteInt32((int)o.NegativeSampling);
    }

    private static TwoTowerOptions ReadOptions(SnapshotReader r, int version)
    {
        r.Field = "model options";
        var dimension = r.ReadInt32();
        var seed = r.ReadInt64();
        var learningRate = r.ReadSingle();
        var initScale = r.ReadSingle();
        var userAdmitAfter = r.ReadInt32();
        var videoAdmitAfter = r.ReadInt32();
        var ttl = r.ReadInt64();
        var sweep = r.ReadInt64();
        var options = new TwoTowerOptions
        {
            Dimension = dimension,
            Seed = seed,
            LearningRate = learningRate,
            InitScale = initScale,
            UserAdmitAfter = userAdmitAfter,
            VideoAdmitAfter = videoAdmitAfter,
            Ttl = ttl < 0 ? null : TimeSpan.FromTicks(ttl),
            SweepInterval = TimeSpan.FromTicks(sweep),
            MaxUsers = r.ReadInt32(),
            MaxVideos = r.ReadInt32(),
            MaxCreators = r.ReadInt32(),
            MaxTopics = r.ReadInt32(),
            MaxPending = r.ReadInt32(),
            LongWatchFraction = r.ReadSingle(),
            LongWatchWeight = r.ReadSingle(),
            LikeWeight = r.ReadSingle(),
            ShareWeight = r.ReadSingle(),
            CommentWeight = r.ReadSingle(),
            FollowWeight = r.ReadSingle(),
            SkipWeight = r.ReadSingle(),
            ShortViewWeight = r.ReadSingle(),
            SampledNegativeWeight = r.ReadSingle(),
            NegativesPerPositive = r.ReadInt32(),
            NegativePoolSize = r.ReadInt32(),
            HistoryDecay = r.ReadSingle(),
        };
        if (version >= 3)
        {
            options = options with { L2 = r.ReadSingle(), Loss = (TrainingLoss)r.ReadInt32(), NegativeSampling = (NegativeSampling)r.ReadInt32() };
        }

        var problems = options.Validate();
        return problems.Count == 0 ? options : throw r.Error($"invalid model options: {string.Join(" ", problems)}");
    }
}
