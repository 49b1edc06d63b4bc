using System.Buffers.Binary;

using Whisper.Recommendation.Embeddings;
using Whisper.Recommendation.Model;
using Whisper.Recommendation.Training;
using Whisper.World.Generation;

namespace Whisper.Recommendation.Tests.Training;

/// <summary>
/// <see cref="CheckpointTransfer"/>: a checkpoint that leaves a region keeps only the residents' rows and pending
/// counts, moves to the fork log's position, and otherwise stays bit for bit what was trained.
/// </summary>
public sealed class CheckpointTransferTests(CheckpointTransferTests.Trained trained) : IClassFixture<CheckpointTransferTests.Trained>
{
    private static bool IsEven(long userId) => userId % 2 == 0;

    [Fact]
    public async Task WriteResidentOnly_EvenUsers_NoOddUserDataLeft_EverythingElseBitIdentical()
    {
        using var folder = new TempFolder();
        var newPosition = trained.ResidentEventsUpTo(trained.Position, IsEven);
        var destination = Path.Combine(folder.Path, "fork", CheckpointTransfer.FileNameFor(newPosition));

        var result = CheckpointTransfer.WriteResidentOnly(trained.Source, destination, IsEven, newPosition);

        var (source, sourceLearner) = trained.Read(trained.Source);
        var (copy, copyLearner) = trained.Read(destination);
        Assert.Equal(destination, result.Destination);
        Assert.Equal(trained.Position, result.SourcePosition);
        Assert.Equal(newPosition, result.NewPosition);
        Assert.Equal(newPosition, copy.Position);
        Assert.InRange(newPosition, 1, trained.Position - 1);
        Assert.Equal(source.Lineage, copy.Lineage);

        // Users and history: the source had odd users in both (else this proves nothing); the copy has none, and the
        // even users' rows are the source's, bit for bit.
        foreach (var (table, copied, kept, dropped) in new[]
        {
            (source.Users, copy.Users, result.UserRowsKept, result.UserRowsDropped),
            (source.History, copy.History, result.HistoryRowsKept, result.HistoryRowsDropped),
        })
        {
            var ids = table.RowIds();
            Assert.True(ids.Count(id => !IsEven(id)) > 10, $"source {table.Options.Name} should hold odd users");
            Assert.Equal(ids.Where(IsEven).ToArray(), copied.RowIds());
            Assert.Equal(ids.Count(IsEven), kept);
            Assert.Equal(ids.Count(id => !IsEven(id)), dropped);
            foreach (var id in copied.RowIds())
            {
                Assert.Equal(RowBits(table, id), RowBits(copied, id));
            }
        }

        // Pending counts (users admit on the second sighting): odd ones gone, even ones kept.
        var pending = source.Users.PendingIds().ToArray();
        Assert.Contains(pending, id => !IsEven(id));
        Assert.Contains(pending, IsEven);
        Assert.Equal(pending.Where(IsEven).Order(), copy.Users.PendingIds().Order());
        Assert.Equal(pending.Count(id => !IsEven(id)), result.PendingEntriesDropped);
        Assert.Empty(copy.History.PendingIds());

        // Every table not keyed by user id, the trainer state and the negative pool: unchanged.
        foreach (var i in new[] { 1, 2, 3, 4, 5 })
        {
            Assert.False(CheckpointTransfer.IsKeyedByUser(source.AllTables[i].Options.Name));
            Assert.True(source.AllTables[i].Count > 0, $"{source.AllTables[i].Options.Name} is empty: the comparison would prove nothing");
            Assert.Equal(Snapshot(source.AllTables[i]), Snapshot(copy.AllTables[i]));
        }

        Assert.Equal(BitConverter.SingleToInt32Bits(source.GlobalBias), BitConverter.SingleToInt32Bits(copy.GlobalBias));
        Assert.Equal(BitConverter.SingleToInt32Bits(source.GlobalBiasAccumulator), BitConverter.SingleToInt32Bits(copy.GlobalBiasAccumulator));
        Assert.Equal(sourceLearner.Stats, copyLearner.Stats);
        Assert.Equal(sourceLearner.Watermark, copyLearner.Watermark);
        Assert.Equal(sourceLearner.NextSweepAt, copyLearner.NextSweepAt);
        Assert.Equal(PoolBytes(sourceLearner), PoolBytes(copyLearner));
        Assert.Equal(source.Options, copy.Options);

        Assert.False(File.Exists(destination + ".tmp"));

        // The fork resumes from it on its own log (residents' events, re-sequenced from 1) and trains on.
        var forkLog = new InMemoryEventLog();
        await forkLog.AppendAsync(trained.World.Events.Where(e => IsEven(e.UserId)).ToList());
        using var resumed = await OnlineTrainer.ResumeAsync(forkLog, trained.World.Catalog, trained.Options with { CheckpointDirectory = Path.GetDirectoryName(destination) });
        Assert.Equal(destination, resumed.ResumedFrom);
        Assert.Equal(newPosition, resumed.Position);
        await resumed.CatchUpAsync();
        Assert.Equal(await forkLog.GetHeadAsync(), resumed.Position);
        Assert.DoesNotContain(resumed.Model.Users.RowIds(), id => !IsEven(id));
        Assert.DoesNotContain(resumed.Model.History.RowIds(), id => !IsEven(id));
        Assert.DoesNotContain(resumed.Model.Users.PendingIds(), id => !IsEven(id));
    }

    [Fact]
    public void WriteResidentOnly_KeepEveryone_FileDiffersOnlyInPositionAndChecksum()
    {
        using var folder = new TempFolder();
        var destination = Path.Combine(folder.Path, "copy.wck");

        var result = CheckpointTransfer.WriteResidentOnly(trained.Source, destination, _ => true, 1234);

        Assert.Equal((0, 0, 0), (result.UserRowsDropped, result.HistoryRowsDropped, result.PendingEntriesDropped));
        Assert.True(result.UserRowsKept > 0 && result.HistoryRowsKept > 0);
        var before = File.ReadAllBytes(trained.Source);
        var after = File.ReadAllBytes(destination);
        Assert.Equal(before.Length, after.Length);
        var at = PositionOffset(before);
        Assert.Equal(trained.Position, BinaryPrimitives.ReadInt64LittleEndian(before.AsSpan(at)));
        Assert.Equal(1234, BinaryPrimitives.ReadInt64LittleEndian(after.AsSpan(at)));
        Assert.True(before.AsSpan(0, at).SequenceEqual(after.AsSpan(0, at)));
        Assert.True(before.AsSpan(at + 8, before.Length - at - 16).SequenceEqual(after.AsSpan(at + 8, after.Length - at - 16)));
        Assert.Equal(1234, trained.Read(destination).Model.Position);
        Assert.Equal(1234, CheckpointTransfer.PositionOf(destination));
    }

    [Fact]
    public void WriteResidentOnly_SamePosition_KeepEveryone_ByteIdentical()
    {
        using var folder = new TempFolder();
        var destination = Path.Combine(folder.Path, CheckpointTransfer.FileNameFor(trained.Position));

        CheckpointTransfer.WriteResidentOnly(trained.Source, destination, _ => true, trained.Position);

        Assert.Equal(File.ReadAllBytes(trained.Source), File.ReadAllBytes(destination));
    }

    [Fact]
    public void WriteResidentOnly_BadArguments_ClearErrors_NothingWritten()
    {
        using var folder = new TempFolder();
        var destination = Path.Combine(folder.Path, "out.wck");
        var source = trained.Source;

        var missing = Assert.Throws<FileNotFoundException>(() => CheckpointTransfer.WriteResidentOnly(Path.Combine(folder.Path, "nope.wck"), destination, IsEven, 0));
        Assert.Contains("nope.wck", missing.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => CheckpointTransfer.WriteResidentOnly(source, destination, IsEven, -1));
        var ahead = Assert.Throws<ArgumentOutOfRangeException>(() => CheckpointTransfer.WriteResidentOnly(source, destination, IsEven, trained.Position + 1));
        Assert.Contains("cannot pass", ahead.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentNullException>(() => CheckpointTransfer.WriteResidentOnly(source, destination, null!, 0));
        Assert.ThrowsAny<ArgumentException>(() => CheckpointTransfer.WriteResidentOnly("", destination, IsEven, 0));

        var self = Assert.Throws<ArgumentException>(() => CheckpointTransfer.WriteResidentOnly(source, source, IsEven, 0));
        Assert.Contains("is the source", self.Message, StringComparison.Ordinal);
        var roundabout = Path.Combine(Path.GetDirectoryName(source)!, "..", Path.GetFileName(Path.GetDirectoryName(source)!), Path.GetFileName(source));
        Assert.Throws<ArgumentException>(() => CheckpointTransfer.WriteResidentOnly(source, roundabout, IsEven, 0));
        var misnamed = Assert.Throws<ArgumentException>(() => CheckpointTransfer.WriteResidentOnly(source, Path.Combine(folder.Path, CheckpointTransfer.FileNameFor(7)), IsEven, 8));
        Assert.Contains("names position 7", misnamed.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => CheckpointTransfer.WriteResidentOnly(source, folder.Path, IsEven, 0));

        Assert.Empty(Directory.GetFiles(folder.Path));
        Assert.Equal(trained.SourceBytes, File.ReadAllBytes(source));
    }

    [Theory]
    [InlineData("flip", "checksum mismatch")]
    [InlineData("truncate", "truncated")]
    [InlineData("magic", "not a Whisper training checkpoint")]
    [InlineData("version", "version 9 is not supported")]
    [InlineData("table", "not a Whisper training checkpoint")]
    public void WriteResidentOnly_UnreadableSource_FormatError_DestinationUntouched(string damage, string reason)
    {
        using var folder = new TempFolder();
        var bytes = trained.SourceBytes.ToArray();
        switch (damage)
        {
            case "flip":
                bytes[bytes.Length / 2] ^= 0x20;
                break;
            case "truncate":
                bytes = bytes[..(bytes.Length / 3)];
                break;
            case "magic":
                bytes[3] = (byte)'X';
                break;
            case "version":
                BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(8), 9);
                break;
            default:
                var stream = new MemoryStream();
                trained.Read(trained.Source).Model.Users.WriteSnapshot(stream); // a table snapshot is not a checkpoint
                bytes = stream.ToArray();
                break;
        }

        var bad = Path.Combine(folder.Path, "bad.wck");
        File.WriteAllBytes(bad, bytes);
        var destination = Path.Combine(folder.Path, "out.wck");
        File.WriteAllText(destination, "previous contents");

        var e = Assert.Throws<EmbeddingSnapshotFormatException>(() => CheckpointTransfer.WriteResidentOnly(bad, destination, IsEven, 0));

        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
        Assert.Contains("bad.wck", e.Message, StringComparison.Ordinal);
        Assert.Equal("previous contents", File.ReadAllText(destination));
        Assert.False(File.Exists(destination + ".tmp"));
    }

    [Fact]
    public void WriteResidentOnly_FailureBeforeOrDuringWrite_DestinationKeepsItsOldContents()
    {
        using var folder = new TempFolder();
        var destination = Path.Combine(folder.Path, "out.wck");
        File.WriteAllText(destination, "previous contents");

        // The predicate fails halfway through the rows.
        var calls = 0;
        Assert.Throws<InvalidOperationException>(() => CheckpointTransfer.WriteResidentOnly(trained.Source, destination,
            id => ++calls < 50 ? IsEven(id) : throw new InvalidOperationException("policy lookup failed"), 0));
        Assert.Equal("previous contents", File.ReadAllText(destination));
        Assert.False(File.Exists(destination + ".tmp"));

        // The temporary file cannot be created (a directory squats on its name).
        Directory.CreateDirectory(destination + ".tmp");
        Assert.ThrowsAny<Exception>(() => CheckpointTransfer.WriteResidentOnly(trained.Source, destination, IsEven, 0));
        Assert.Equal("previous contents", File.ReadAllText(destination));
        Directory.Delete(destination + ".tmp");

        // Success replaces the old contents whole and leaves no temporary file.
        CheckpointTransfer.WriteResidentOnly(trained.Source, destination, IsEven, 0);
        Assert.Equal(0, trained.Read(destination).Model.Position);
        Assert.Equal(["out.wck"], Directory.GetFileSystemEntries(folder.Path).Select(p => Path.GetFileName(p)));
    }

    [Fact]
    public void PositionOf_ReadsTheHeader_NewestAtOrBelow_PicksByPositionAndSkipsImpostors()
    {
        var directory = trained.Directory;
        var positions = trained.Checkpoints;
        Assert.True(positions.Count >= 3, $"the fixture should keep several checkpoints: {string.Join(", ", positions)}");
        foreach (var position in positions)
        {
            Assert.Equal(position, CheckpointTransfer.PositionOf(Path.Combine(directory, CheckpointTransfer.FileNameFor(position))));
        }

        string? Newest(long max) => CheckpointTransfer.NewestAtOrBelow(directory, max) is { } path ? Path.GetFileName(path) : null;

        Assert.Equal(CheckpointTransfer.FileNameFor(positions[^1]), Newest(long.MaxValue));
        Assert.Equal(CheckpointTransfer.FileNameFor(positions[1]), Newest(positions[1]));
        Assert.Equal(CheckpointTransfer.FileNameFor(positions[0]), Newest(positions[1] - 1));
        Assert.Null(Newest(positions[0] - 1));

        // In a copy: impostors at higher positions (a renamed file, a torn one, stray names) are passed over.
        using var folder = new TempFolder();
        foreach (var position in positions)
        {
            var name = CheckpointTransfer.FileNameFor(position);
            File.Copy(Path.Combine(directory, name), Path.Combine(folder.Path, name));
        }

        var top = positions[^1];
        File.Copy(Path.Combine(directory, CheckpointTransfer.FileNameFor(top)), Path.Combine(folder.Path, CheckpointTransfer.FileNameFor(top + 10)));
        File.WriteAllBytes(Path.Combine(folder.Path, CheckpointTransfer.FileNameFor(top + 20)), trained.SourceBytes[..10]);
        File.WriteAllText(Path.Combine(folder.Path, "ckpt-123.wck"), "x");
        File.WriteAllText(Path.Combine(folder.Path, CheckpointTransfer.FileNameFor(top + 30) + ".tmp"), "x");
        Assert.Equal(Path.Combine(folder.Path, CheckpointTransfer.FileNameFor(top)), CheckpointTransfer.NewestAtOrBelow(folder.Path, long.MaxValue));
        Assert.Throws<EmbeddingSnapshotFormatException>(() => CheckpointTransfer.PositionOf(Path.Combine(folder.Path, CheckpointTransfer.FileNameFor(top + 20))));

        Assert.Throws<DirectoryNotFoundException>(() => CheckpointTransfer.NewestAtOrBelow(Path.Combine(folder.Path, "absent"), 5));
        Assert.Throws<FileNotFoundException>(() => CheckpointTransfer.PositionOf(Path.Combine(folder.Path, "absent.wck")));
        Assert.Throws<ArgumentOutOfRangeException>(() => CheckpointTransfer.NewestAtOrBelow(folder.Path, -1));
        using var empty = new TempFolder();
        Assert.Null(CheckpointTransfer.NewestAtOrBelow(empty.Path, long.MaxValue));
    }

    [Fact]
    public void IsKeyedByUser_EveryModelTableClassified_OnlyUsersAndHistory()
    {
        var keyed = new TwoTowerOptions().TableOptions().Where(t => CheckpointTransfer.IsKeyedByUser(t.Name)).Select(t => t.Name);
        Assert.Equal(["users", "history"], keyed);
        Assert.Throws<InvalidOperationException>(() => CheckpointTransfer.IsKeyedByUser("sessions"));
    }

    [Fact]
    public void RemoveWhere_RowsAndPendingGone_OthersUntouched_IdsCanComeBack()
    {
        var table = new EmbeddingTable(new EmbeddingTableOptions { Name = "users", Dimension = 3, AdmitAfter = 2, MaxPending = 1024, Ttl = TimeSpan.FromHours(1) });
        for (long id = 1; id <= 40; id++)
        {
            table.Touch(id, id, out _);
            table.Touch(id, id, out _); // admitted
            table.Touch(1000 + id, id, out _); // pending
        }

        var kept = Enumerable.Range(1, 40).Where(i => i % 3 != 0).ToDictionary(i => (long)i, i => RowBits(table, i));

        var removed = table.RemoveWhere(id => id % 3 == 0);

        Assert.Equal(new RemovedEntries(13, 13), removed);
        Assert.Equal(27, table.Count);
        Assert.Equal(kept.Keys.Order(), table.RowIds());
        Assert.All(kept, pair => Assert.Equal(pair.Value, RowBits(table, pair.Key)));
        Assert.DoesNotContain(table.PendingIds(), id => id % 3 == 0);
        Assert.Equal(27, table.PendingIds().Count());
        Assert.Equal(40, table.Stats.Admitted);
        Assert.Equal(0, table.Stats.Evicted);
        Assert.Equal(0, table.Stats.PendingDropped);

        // A removed id starts over: pending first, then a fresh row initialised from (seed, id) alone.
        Assert.Equal(AdmissionStatus.Pending, table.Touch(3, 100, out _));
        Assert.Equal(AdmissionStatus.Admitted, table.Touch(3, 100, out var row));
        var fresh = new EmbeddingTable(table.Options);
        fresh.Touch(3, 0, out _);
        fresh.Touch(3, 0, out var freshRow);
        Assert.Equal(ToBits(fresh.Weights(freshRow)), ToBits(table.Weights(row)));
        Assert.Equal(28, table.Count);

        Assert.Equal(new RemovedEntries(0, 0), table.RemoveWhere(_ => false));
    }

    private static int PositionOffset(byte[] checkpoint) => 8 + 4 + 1 + checkpoint[12];

    private static byte[] Snapshot(EmbeddingTable table)
    {
        var stream = new MemoryStream();
        table.WriteSnapshot(stream);
        return stream.ToArray();
    }

    private static byte[] PoolBytes(TwoTowerLearner learner)
    {
        var stream = new MemoryStream();
        var writer = new SnapshotWriter(stream);
        learner.Pool.Write(writer);
        writer.WriteChecksum();
        return stream.ToArray();
    }

    /// <summary>Weights, accumulators (as bits) and last-seen time of an id's row.</summary>
    private static long[] RowBits(EmbeddingTable table, long id)
    {
        Assert.True(table.TryGetRow(id, out var row), $"{table.Options.Name} has no row for {id}");
        return [.. ToBits(table.Weights(row)), .. ToBits(table.Accumulators(row)), table.LastSeen(row)];
    }

    private static long[] ToBits(ReadOnlySpan<float> values)
    {
        var bits = new long[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            bits[i] = BitConverter.SingleToInt32Bits(values[i]);
        }

        return bits;
    }

    /// <summary>A small world trained to about two thirds of its log, checkpointed along the way (kept: all).</summary>
    public sealed class Trained : IAsyncLifetime
    {
        private readonly DirectoryInfo _folder = System.IO.Directory.CreateTempSubdirectory("whisper-transfer-source-");

        internal TestWorld World { get; } = TestWorld.Generate(new WorldOptions { Users = 300, Videos = 400, Days = 4, SessionsPerUserPerDay = 0.6, Seed = 3 });

        internal OnlineTrainerOptions Options { get; private set; } = null!;

        /// <summary>The checkpoint directory: several checkpoints, the newest is <see cref="Source"/>.</summary>
        internal string Directory => _folder.FullName;

        internal string Source { get; private set; } = null!;

        internal byte[] SourceBytes { get; private set; } = null!;

        internal long Position { get; private set; }

        internal List<long> Checkpoints { get; } = [];

        public async Task InitializeAsync()
        {
            var model = new TwoTowerOptions { Dimension = 8, Seed = 5, Ttl = TimeSpan.FromDays(2), SweepInterval = TimeSpan.FromHours(6), MaxUsers = 150, MaxPending = 64, NegativePoolSize = 256 };
            Options = new OnlineTrainerOptions { Model = model, BatchSize = 500, CheckpointDirectory = _folder.FullName, CheckpointEvery = 1_500, KeepCheckpoints = 100 };
            var log = new InMemoryEventLog();
            await log.AppendAsync(World.Events);
            using var trainer = new OnlineTrainer(log, World.Catalog, Options);
            while (trainer.Position < World.Events.Count * 2 / 3)
            {
                await trainer.StepAsync();
            }

            Source = await trainer.CheckpointAsync();
            Position = trainer.Position;
            SourceBytes = await File.ReadAllBytesAsync(Source);
            foreach (var path in System.IO.Directory.GetFiles(_folder.FullName, "ckpt-*.wck"))
            {
                Checkpoints.Add(CheckpointTransfer.PositionOf(path));
            }

            Checkpoints.Sort();
        }

        public Task DisposeAsync()
        {
            _folder.Delete(recursive: true);
            return Task.CompletedTask;
        }

        /// <summary>How many of the log's first <paramref name="position"/> events a fork of <paramref name="resident"/> users holds.</summary>
        internal long ResidentEventsUpTo(long position, Func<long, bool> resident) =>
            World.Events.Take((int)position).LongCount(e => resident(e.UserId));

        internal (TwoTowerModel Model, TwoTowerLearner Learner) Read(string path)
        {
            using var stream = File.OpenRead(path);
            return TrainingCheckpoint.Read(stream, path, World.Catalog, clock: null);
        }
    }

    private sealed class TempFolder : IDisposable
    {
        private readonly DirectoryInfo _info = System.IO.Directory.CreateTempSubdirectory("whisper-transfer-");

        public string Path => _info.FullName;

        public void Dispose()
        {
            if (_info.Exists)
            {
                _info.Delete(recursive: true);
            }
        }
    }
}
