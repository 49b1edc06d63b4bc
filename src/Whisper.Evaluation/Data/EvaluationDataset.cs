using Whisper.Core.Domain;
using Whisper.Recommendation.Catalog;
using Whisper.Storage;

namespace Whisper.Evaluation.Data;

/// <summary>
/// A store's interactions and catalog as compact in-memory arrays: users and videos get dense indexes (users in
/// ascending id order; videos in ascending id order, then any video only the log knows), events keep log order.
/// Immutable once built; every split and recommender reads it concurrently.
/// </summary>
public sealed class EvaluationDataset
{
    /// <summary>Events read per <see cref="IEventLog.ReadAsync"/> call: ~1.5 MB of <see cref="LoggedEvent"/>s.</summary>
    public const int ReadPageSize = 20_000;

    private readonly long[] _userIds;
    private readonly long[] _itemIds;
    private readonly int[] _itemCreators;
    private readonly long[] _creatorIds;
    private readonly EventRecord[] _events;
    private readonly Dictionary<long, int> _itemIndex;

    internal EvaluationDataset(
        CatalogView catalog,
        RelevanceRule relevance,
        long[] userIds,
        long[] itemIds,
        Dictionary<long, int> itemIndex,
        int[] itemCreators,
        long[] creatorIds,
        EventRecord[] events,
        long skippedEvents)
    {
        Catalog = catalog;
        Relevance = relevance;
        _userIds = userIds;
        _itemIds = itemIds;
        _itemIndex = itemIndex;
        _itemCreators = itemCreators;
        _creatorIds = creatorIds;
        _events = events;
        SkippedEvents = skippedEvents;
        foreach (ref readonly var e in events.AsSpan())
        {
            PositiveEvents += e.IsPositive ? 1 : 0;
        }
    }

    /// <summary>The catalog the dataset was built against (the engine adapter trains with it).</summary>
    public CatalogView Catalog { get; }

    public RelevanceRule Relevance { get; }

    /// <summary>Users that appear in at least one loaded event.</summary>
    public int UserCount => _userIds.Length;

    /// <summary>Catalog videos plus videos only the log mentions: the recommendable universe.</summary>
    public int ItemCount => _itemIds.Length;

    /// <summary>Creators of catalog videos.</summary>
    public int CreatorCount => _creatorIds.Length;

    /// <summary>Video events in log order.</summary>
    public ReadOnlySpan<EventRecord> Events => _events;

    public int PositiveEvents { get; }

    /// <summary>Events not loaded: purchases (not a relevance signal, and 0 as video outside a video).</summary>
    public long SkippedEvents { get; }

    public long UserId(int user) => _userIds[user];

    public long ItemId(int item) => _itemIds[item];

    public long CreatorId(int creator) => _creatorIds[creator];

    /// <summary>Dense creator index of the video, −1 when the catalog does not know the video.</summary>
    public int CreatorOf(int item) => _itemCreators[item];

    public bool TryGetItem(long videoId, out int item) => _itemIndex.TryGetValue(videoId, out item);

    public bool TryGetUser(long userId, out int user)
    {
        user = Array.BinarySearch(_userIds, userId);
        return user >= 0;
    }

    /// <summary>
    /// Reads the whole log from the start, a page at a time, into a dataset. Progress stage "load": Done = events
    /// read, Total = the head when the read began.
    /// </summary>
    public static async Task<EvaluationDataset> LoadAsync(
        IEventLog log,
        CatalogView catalog,
        RelevanceRule? relevance = null,
        IProgress<EvaluationProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(catalog);
        var head = await log.GetHeadAsync(cancellationToken).ConfigureAwait(false);
        var builder = new EvaluationDatasetBuilder(catalog, relevance, (int)Math.Min(head, int.MaxValue / 2));
        var page = new List<LoggedEvent>(ReadPageSize);
        long position = 0, read = 0;
        while (true)
        {
            page.Clear();
            var count = await log.ReadAsync(position, ReadPageSize, page, cancellationToken).ConfigureAwait(false);
            if (count == 0)
            {
                break;
            }

            foreach (var logged in page)
            {
                builder.Add(logged.Event);
            }

            position = page[^1].Sequence;
            read += count;
            progress?.Report(new EvaluationProgress("load", read, Math.Max(head, read)));
        }

        progress?.Report(new EvaluationProgress("load", read, read));
        return builder.Build();
    }
}
