using System.Globalization;

using Whisper.Core.Domain;
using Whisper.Storage;
using Whisper.World.Generation;

namespace Whisper.World.Import;

/// <summary>Placeholder catalog rows for data sets that carry only interactions (docs/importers.md, "Placeholders").</summary>
internal static class Placeholders
{
    /// <summary>Id (before <see cref="ImportOptions.IdOffset"/>) of the user behind a data set's placeholder creator.</summary>
    public const long StudioUserId = 2_000_000_000;

    /// <summary>Id (before the offset) of the data set's one placeholder creator.</summary>
    public const long CreatorId = 1;

    public static User User(string dataset, long id, string country, DateTimeOffset firstSeen)
    {
        var index = SyntheticGeography.IndexOf(country);
        return new User(id, string.Create(CultureInfo.InvariantCulture, $"{dataset}-{id}"), country,
            SyntheticGeography.AddressIn(index, WorldRandom.Mix64((ulong)id)), country, country, firstSeen);
    }

    /// <summary>Upserts the studio user and the placeholder creator; both fixed, so re-running changes nothing.</summary>
    public static async Task UpsertCreatorAsync(IWhisperStore store, string dataset, string country, long idOffset, CancellationToken ct)
    {
        var since = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var user = User(dataset, idOffset + StudioUserId, country, since) with { Handle = dataset + "-studio" };
        await store.Catalog.UpsertUsersAsync([user], ct).ConfigureAwait(false);
        await store.Catalog.UpsertCreatorsAsync([new Creator(idOffset + CreatorId, user.Id, dataset + " studio", country, since)], ct)
            .ConfigureAwait(false);
    }
}
