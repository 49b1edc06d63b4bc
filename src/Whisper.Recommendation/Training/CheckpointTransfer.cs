using Whisper.Recommendation.Catalog;
using Whisper.Recommendation.Embeddings;
using Whisper.Recommendation.Model;

namespace Whisper.Recommendation.Training;

/// <summary>
/// Carries a trainer checkpoint to another region (a fork's partial divestiture; docs/embedding-snapshot.md,
/// "Resident-only checkpoints"): keeps only the chosen users' rows and pending counts, moves the log position to the
/// destination's log, and writes a checkpoint of the same format that <see cref="OnlineTrainer.ResumeAsync"/> reads.
/// </summary>
public static class CheckpointTransfer
{
    /// <summary>Tables whose row ids are user ids; every other table of the model must be in <see cref="NotUserKeyed"/>.</summary>
    private static readonly string[] UserKeyed = ["users", "history"];

    /// <summary>Tables keyed by something else: region and hour keys, video, creator and topic ids.</summary>
    private static readonly string[] NotUserKeyed = ["regions", "hours", "videos", "creators", "topics"];

    /// <summary>The file name a checkpoint at <paramref name="position"/> has in a checkpoint directory: <c>ckpt-&lt;20 digits&gt;.wck</c>.</summary>
    public static string FileNameFor(long position)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(position);
        return CheckpointNaming.FileName(position);
    }

    /// <summary>
    /// Reads the checkpoint <paramref name="sourceCheckpointPath"/>, removes every row and pending count keyed by a
    /// user id for which <paramref name="keepUser"/> is false (the <c>users</c> and <c>history</c> tables), sets the
    /// log position to <paramref name="newPosition"/>, and writes the result to <paramref name="destinationPath"/>
    /// atomically (whole to <c>&lt;destination&gt;.tmp</c>, flushed to disk, renamed over the destination). Everything
    /// else — options, lineage, the other tables, global bias, trainer clocks, counters, negative pool — is copied
    /// unchanged. The file is written in the current format version (a version-2 source comes out as version 3, as
    /// resuming and checkpointing it would).
    /// </summary>
    /// <param name="sourceCheckpointPath">A checkpoint file (any name).</param>
    /// <param name="destinationPath">
    /// The file to write; not the source. Use <see cref="FileNameFor"/>(<paramref name="newPosition"/>) in the
    /// destination's checkpoint directory for <see cref="OnlineTrainer.ResumeAsync"/> to find it; a name of that form
    /// with another position is refused. An existing file is replaced; its directory is created if missing.
    /// </param>
    /// <param name="keepUser">True for a user id whose data may go to the destination (a resident). Called once per user row and pending count.</param>
    /// <param name="newPosition">
    /// The same point in the destination's log: for a fork log of the residents' events re-sequenced from 1 in source
    /// order, the number of residents' events at or below the source position. 0..source position.
    /// </param>
    /// <exception cref="FileNotFoundException">The source does not exist.</exception>
    /// <exception cref="EmbeddingSnapshotFormatException">The source is not a readable checkpoint (wrong magic, version, truncated, corrupt).</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="newPosition"/> is negative or above the source's position.</exception>
    /// <exception cref="ArgumentException">The destination is the source, a directory, or a checkpoint name with another position.</exception>
    public static CheckpointTransferResult WriteResidentOnly(string sourceCheckpointPath, string destinationPath, Func<long, bool> keepUser, long newPosition)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sourceCheckpointPath);
        ArgumentException.ThrowIfNullOrWhiteSpace(destinationPath);
        ArgumentNullException.ThrowIfNull(keepUser);
        ArgumentOutOfRangeException.ThrowIfNegative(newPosition);
        var source = Path.GetFullPath(sourceCheckpointPath);
        var destination = Path.GetFullPath(destinationPath);
        var temp = destination + CheckpointNaming.TempSuffix;
        CheckDestination(source, destination, temp, newPosition);
        if (!File.Exists(source))
        {
            throw new FileNotFoundException($"Checkpoint {source} does not exist.", source);
        }

        TwoTowerModel model;
        TwoTowerLearner learner;
        using (var stream = OpenRead(source))
        {
            (model, learner) = TrainingCheckpoint.Read(stream, source, CatalogView.FromRows([], [], []), clock: null);
        }

        var sourcePosition = model.Position;
        if (newPosition > sourcePosition)
        {
            throw new ArgumentOutOfRangeException(nameof(newPosition), newPosition,
                $"The destination log holds a subset of the source's events, so its position cannot pass the source checkpoint's ({sourcePosition}).");
        }

        var pendingDropped = 0;
        var userRowsDropped = 0;
        var historyRowsDropped = 0;
        foreach (var table in model.AllTables)
        {
            if (!IsKeyedByUser(table.Options.Name))
            {
                continue;
            }

            var removed = table.RemoveWhere(id => !keepUser(id));
            pendingDropped += removed.Pending;
            if (ReferenceEquals(table, model.Users))
            {
                userRowsDropped = removed.Rows;
            }
            else if (ReferenceEquals(table, model.History))
            {
                historyRowsDropped = removed.Rows;
            }
        }

        model.SetPosition(newPosition);
        WriteAtomically(destination, temp, model, learner);
        return new CheckpointTransferResult(
            destination,
            sourcePosition,
            newPosition,
            model.Users.Count,
            userRowsDropped,
            model.History.Count,
            historyRowsDropped,
            pendingDropped);
    }

    /// <summary>
    /// The distinct user ids with a row or pending count in <paramref name="checkpointPath"/>'s user-keyed tables
    /// (<c>users</c>, <c>history</c>) for which <paramref name="match"/> is true, ascending, and how many rows of each
    /// table match. Reads the whole checkpoint (checksum verified); changes nothing. The origin purge counts with it
    /// before rewriting a checkpoint, and verify-purge proves with it that no resident's row is left.
    /// </summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="EmbeddingSnapshotFormatException">The file is not a readable checkpoint.</exception>
    public static CheckpointUserMatch FindUsers(string checkpointPath, Func<long, bool> match)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(checkpointPath);
        ArgumentNullException.ThrowIfNull(match);
        var path = Path.GetFullPath(checkpointPath);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Checkpoint {path} does not exist.", path);
        }

        TwoTowerModel model;
        using (var stream = OpenRead(path))
        {
            (model, _) = TrainingCheckpoint.Read(stream, path, CatalogView.FromRows([], [], []), clock: null);
        }

        var found = new SortedSet<long>();
        var rows = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var table in model.AllTables)
        {
            if (!IsKeyedByUser(table.Options.Name))
            {
                continue;
            }

            // RemoveWhere visits every row and pending count; answering false keeps them all.
            var matched = 0;
            table.RemoveWhere(id =>
            {
                if (match(id))
                {
                    matched++;
                    found.Add(id);
                }

                return false;
            });
            rows[table.Options.Name] = matched;
        }

        return new CheckpointUserMatch(model.Position, [.. found], rows.GetValueOrDefault("users"), rows.GetValueOrDefault("history"));
    }

    /// <summary>
    /// The log position in a checkpoint's header (magic, version, lineage, position), without reading the rest: the
    /// checksum is not verified, so a readable header does not prove the file is whole.
    /// </summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="EmbeddingSnapshotFormatException">The header is not a supported checkpoint header.</exception>
    public static long PositionOf(string checkpointPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(checkpointPath);
        var path = Path.GetFullPath(checkpointPath);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Checkpoint {path} does not exist.", path);
        }

        using var stream = OpenRead(path);
        return TrainingCheckpoint.ReadHeader(new SnapshotReader(stream, path)).Position;
    }

    /// <summary>
    /// The newest checkpoint in <paramref name="directory"/> whose position is at most <paramref name="maxPosition"/>
    /// (a snapshot's position: the checkpoint must not cover events the snapshot lacks), or null when there is none.
    /// Only files named <c>ckpt-&lt;20 digits&gt;.wck</c> count, and only when their header reads and holds the same
    /// position as the name; the rest of the file is not checked (<see cref="WriteResidentOnly"/> does). A trainer
    /// deletes old checkpoints as it writes new ones (<see cref="OnlineTrainerOptions.KeepCheckpoints"/>), so the file
    /// may be gone by the time it is read: look again then.
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">The directory does not exist.</exception>
    public static string? NewestAtOrBelow(string directory, long maxPosition)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentOutOfRangeException.ThrowIfNegative(maxPosition);
        var full = Path.GetFullPath(directory);
        if (!Directory.Exists(full))
        {
            throw new DirectoryNotFoundException($"Checkpoint directory {full} does not exist.");
        }

        var candidates = new List<(long Position, string Path)>();
        foreach (var path in Directory.EnumerateFiles(full, CheckpointNaming.Pattern))
        {
            if (CheckpointNaming.TryParse(Path.GetFileName(path), out var position) && position <= maxPosition)
            {
                candidates.Add((position, path));
            }
        }

        candidates.Sort(static (a, b) => b.Position.CompareTo(a.Position));
        foreach (var (position, path) in candidates)
        {
            try
            {
                if (PositionOf(path) == position)
                {
                    return path;
                }
            }
            catch (Exception e) when (e is EmbeddingSnapshotFormatException or IOException or UnauthorizedAccessException)
            {
                // Torn, foreign or deleted meanwhile: try the next older one.
            }
        }

        return null;
    }

    /// <summary>
    /// Whether a table of the two-tower model is keyed by user id. A table this type does not know is an error, not a
    /// guess: a new per-user table must be added here before checkpoints can leave a region again.
    /// </summary>
    internal static bool IsKeyedByUser(string tableName)
    {
        if (UserKeyed.Contains(tableName, StringComparer.Ordinal))
        {
            return true;
        }

        return NotUserKeyed.Contains(tableName, StringComparer.Ordinal)
            ? false
            : throw new InvalidOperationException($"Table '{tableName}' is not classified as keyed by user id or not (CheckpointTransfer); refusing to transfer a checkpoint that might carry other users' data.");
    }

    private static void CheckDestination(string source, string destinationPath, string temp, long newPosition)
    {
        var destination = destinationPath;
        var comparison = OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        if (string.Equals(source, destination, comparison) || string.Equals(source, temp, comparison))
        {
            throw new ArgumentException($"The destination {destination} is the source checkpoint (or its temporary file); write the transferred checkpoint elsewhere.", nameof(destinationPath));
        }

        if (Directory.Exists(destination))
        {
            throw new ArgumentException($"The destination {destination} is a directory; give the file to write, e.g. {Path.Combine(destination, CheckpointNaming.FileName(newPosition))}.", nameof(destinationPath));
        }

        if (CheckpointNaming.TryParse(Path.GetFileName(destination), out var named) && named != newPosition)
        {
            throw new ArgumentException(
                $"The destination {destination} names position {named} but the checkpoint will hold {newPosition}; resume would misorder it. Use {CheckpointNaming.FileName(newPosition)}.",
                nameof(destinationPath));
        }
    }

    private static void WriteAtomically(string destination, string temp, TwoTowerModel model, TwoTowerLearner learner)
    {
        var directory = Path.GetDirectoryName(destination);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        try
        {
            using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
            {
                TrainingCheckpoint.Write(stream, model, learner);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, destination, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: a stray .tmp is deleted by the next resume in that directory.
        }
        catch (UnauthorizedAccessException)
        {
            // As above.
        }
    }

    /// <summary>Shares read and delete, so a trainer rotating its checkpoints is never blocked by a transfer.</summary>
    private static FileStream OpenRead(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 1 << 16, FileOptions.SequentialScan);
}
