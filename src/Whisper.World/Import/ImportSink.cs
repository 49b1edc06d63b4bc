using Whisper.Core.Domain;
using Whisper.Storage;
using Whisper.World.Generation;

namespace Whisper.World.Import;

/// <summary>
/// Collects one batch of an import — new users, new videos, events — and writes it: users, then videos, then events,
/// so an event never refers to a row the store lacks. Counts rows and keeps bad-row samples.
/// </summary>
internal sealed class ImportSink(IWhisperStore store, ImportOptions options, string file)
{
    private readonly HashSet<long> _users = [];
    private readonly HashSet<long> _videos = [];
    private readonly List<User> _newUsers = [];
    private readonly List<Video> _newVideos = [];
    private readonly List<EngagementEvent> _events = new(options.BatchSize + 4);
    private readonly List<ImportRowError> _samples = [];
    private readonly ulong _fileKey = FileKey(file);

    public long Rows { get; set; }

    public long SkippedRows { get; private set; }

    public long UntimedRows { get; set; }

    public long Imported { get; private set; }

    public long Duplicates { get; private set; }

    public long Users => _users.Count;

    public long Videos => _videos.Count;

    public IReadOnlyList<ImportRowError> Samples => _samples;

    public bool IsFull => _events.Count >= options.BatchSize;

    /// <summary>Id of the <paramref name="ordinal"/>-th event (0..7) made from line <paramref name="line"/> of this file.</summary>
    public Guid EventId(int line, int ordinal) =>
        WorldEventIds.Create(WorldEventIds.ImportDomain, _fileKey, ((ulong)line << 3) | (uint)ordinal);

    /// <summary>True the first time a user id is seen: the caller then adds its row with <see cref="AddUser"/>.</summary>
    public bool IsNewUser(long id) => _users.Add(id);

    public bool IsNewVideo(long id) => _videos.Add(id);

    public void AddUser(User user) => _newUsers.Add(user);

    public void AddVideo(Video video) => _newVideos.Add(video);

    public void AddEvent(in EngagementEvent e) => _events.Add(e);

    /// <summary>A malformed row: throws, or with <see cref="ImportOptions.SkipBad"/> counts and samples it.</summary>
    public void Bad(ImportRowError error)
    {
        if (!options.SkipBad)
        {
            throw new ImportFormatException(file, error.Line, error.Column, error.ColumnName, error.Message);
        }

        SkippedRows++;
        if (_samples.Count < options.MaxBadSamples)
        {
            _samples.Add(error);
        }
    }

    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (_newUsers.Count > 0)
        {
            await store.Catalog.UpsertUsersAsync(_newUsers, cancellationToken).ConfigureAwait(false);
            _newUsers.Clear();
        }

        if (_newVideos.Count > 0)
        {
            await store.Catalog.UpsertVideosAsync(_newVideos, cancellationToken).ConfigureAwait(false);
            _newVideos.Clear();
        }

        if (_events.Count > 0)
        {
            var result = await store.Events.AppendAsync(_events, cancellationToken).ConfigureAwait(false);
            Imported += result.Appended;
            Duplicates += result.Duplicates;
            _events.Clear();
        }
    }

    /// <summary>FNV-1a over the lower-cased file name: ids survive moving the file, not renaming it.</summary>
    private static ulong FileKey(string file)
    {
        var hash = 0xCBF29CE484222325UL;
        foreach (var ch in file)
        {
            hash = (hash ^ char.ToLowerInvariant(ch)) * 0x100000001B3UL;
        }

        return hash;
    }
}
