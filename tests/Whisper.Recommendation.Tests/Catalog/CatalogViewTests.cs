using Whisper.Core.Domain;
using Whisper.Recommendation.Catalog;
using Whisper.Storage;

namespace Whisper.Recommendation.Tests.Catalog;

public sealed class CatalogViewTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task LoadAsync_PagesThroughEveryTable()
    {
        var folder = Directory.CreateTempSubdirectory("whisper-catalog-view-");
        try
        {
            await using (var store = await WhisperStores.OpenAsync(new StoreOptions(StoreProvider.Sqlite, Path.Combine(folder.FullName, "s.db"))))
            {
                // More rows than one page, so paging is exercised.
                var videos = Enumerable.Range(1, CatalogView.PageSize + 5)
                    .Select(i => new Video(i, 1 + (i % 3), 10_000, T0.AddMinutes(i), ["Cooking", "travel"], "en", "us")).ToList();
                await store.Catalog.UpsertVideosAsync(videos);
                await store.Catalog.UpsertUsersAsync([new User(1, "a", "US", "23.32.0.1", "US", "US", T0), new User(2, "b", "DE", "46.80.0.1", "DE", "DE", T0)]);
                await store.Catalog.UpsertFollowsAsync([new Follow(1, 2, T0), new Follow(1, 1, T0), new Follow(2, 3, T0)]);
                await store.Catalog.UpsertLiveSessionsAsync([new LiveSession(1, 2, T0, null, 5), new LiveSession(2, 3, T0, T0.AddHours(1), 5)]);

                var view = await CatalogView.LoadAsync(store.Catalog);

                Assert.Equal(CatalogView.PageSize + 5, view.VideoCount);
                Assert.True(view.TryGetVideo(CatalogView.PageSize + 5, out var last));
                Assert.Equal([TopicKey.Of("cooking"), TopicKey.Of("travel")], last.TopicKeys);
                Assert.Equal(Regions.Us, view.RegionOfUser(1));
                Assert.Equal(Regions.Europe, view.RegionOfUser(2));
                Assert.Equal(Regions.RestOfWorld, view.RegionOfUser(99));
                Assert.Equal([1L, 2L], view.FollowedCreators(1).ToArray());
                Assert.True(view.VideosOfCreator(1).Length > 3000);
                Assert.Equal([1L], view.LiveAt(T0.AddHours(2)).Select(s => s.Id));
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void AddOrUpdateVideo_CreatorChanges_MovesTheVideo()
    {
        var view = new CatalogView();
        view.AddOrUpdateVideo(new Video(7, 1, 1000, T0, [], "en", "us"));
        view.AddOrUpdateVideo(new Video(7, 2, 1000, T0, [], "en", "us"));

        Assert.Empty(view.VideosOfCreator(1).ToArray());
        Assert.Equal([7L], view.VideosOfCreator(2).ToArray());
    }

    [Fact]
    public void TopicKey_IgnoresCaseAndIsNonNegative()
    {
        Assert.Equal(TopicKey.Of("Cooking"), TopicKey.Of("cooking"));
        Assert.NotEqual(TopicKey.Of("cooking"), TopicKey.Of("travel"));
        Assert.True(TopicKey.Of("x") >= 0);
    }
}
