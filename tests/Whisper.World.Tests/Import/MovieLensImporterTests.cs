using Whisper.Core.Domain;
using Whisper.Core.Validation;
using Whisper.World.Import;

namespace Whisper.World.Tests.Import;

public sealed class MovieLensImporterTests
{
    private const string Ratings = "userId,movieId,rating,timestamp\n1,10,4.5,964982703\n1,20,2.0,964982224\n2,10,3.0,964983815\n";

    [Fact]
    public async Task ImportAsync_RatingsCsv_MapsRatingsToEvents()
    {
        await using var temp = await TempStore.CreateAsync();
        var path = ImportTestFiles.Write(temp, "ratings.csv", Ratings);

        var report = await new MovieLensImporter().ImportAsync(path, temp.Store);

        var events = (await temp.ReadAllEventsAsync()).Select(e => e.Event).ToList();
        Assert.Equal("movielens-csv", report.Format);
        Assert.Equal(3, report.Rows);
        Assert.Equal(7, report.ImportedEvents);
        Assert.Equal(2, report.Users);
        Assert.Equal(2, report.Videos);
        Assert.Equal(
            [EventKind.Impression, EventKind.View, EventKind.Like, EventKind.Impression, EventKind.Skip, EventKind.Impression, EventKind.View],
            events.Select(e => e.Kind));
        var start = DateTimeOffset.FromUnixTimeSeconds(964982703) + MovieLensImporter.DefaultTimeShift;
        Assert.Equal(start, events[0].OccurredAt);
        Assert.Equal((int)(4.5 / 5 * MovieLensImporter.VideoDurationMs), events[1].WatchTimeMs);
        Assert.Equal(start.AddMilliseconds(events[1].WatchTimeMs), events[1].OccurredAt);
        Assert.Equal((int)(2.0 / 5 * MovieLensImporter.VideoDurationMs), events[4].WatchTimeMs);
        Assert.All(events, e => Assert.Null(EventRules.Validate(e)));
        Assert.Equal(MovieLensImporter.VideoDurationMs, (await temp.Store.Catalog.GetVideoAsync(10))!.DurationMs);
        Assert.Equal("US", (await temp.Store.Catalog.GetUserAsync(2))!.ResidenceCountry);
    }

    [Fact]
    public async Task ImportAsync_UData_TabSeparatedWithoutHeader()
    {
        await using var temp = await TempStore.CreateAsync();
        var path = ImportTestFiles.Write(temp, "u.data", "196\t242\t3\t881250949\n186\t302\t5\t891717742\n22\t377\t1\t878887116\n");

        var report = await new MovieLensImporter().ImportAsync(path, temp.Store);

        var kinds = (await temp.ReadAllEventsAsync()).Select(e => e.Event.Kind).ToList();
        Assert.Equal("movielens-100k", report.Format);
        Assert.Equal(3, report.Rows);
        Assert.Equal([EventKind.Impression, EventKind.View, EventKind.Impression, EventKind.View, EventKind.Like, EventKind.Impression, EventKind.Skip], kinds);
        Assert.NotNull(await temp.Store.Catalog.GetVideoAsync(377));
    }

    [Fact]
    public async Task ImportAsync_Twice_StoresNothingTwice()
    {
        await using var temp = await TempStore.CreateAsync();
        var path = ImportTestFiles.Write(temp, "ratings.csv", Ratings);
        await new MovieLensImporter().ImportAsync(path, temp.Store);

        var again = await new MovieLensImporter().ImportAsync(path, temp.Store);

        Assert.Equal(0, again.ImportedEvents);
        Assert.Equal(7, again.DuplicateEvents);
        Assert.Equal(7, await temp.Store.Events.GetHeadAsync());
        Assert.Equal(3, (await temp.Store.Catalog.CountAsync()).Users); // two raters and the studio user
    }

    [Theory]
    [InlineData("userId,movieId,rating,timestamp\n1,10,4.5,964982703\nx,10,4,964982703\n", 3, 1, "userId", "positive integer user id")]
    [InlineData("userId,movieId,rating,timestamp\n1,10,4.5,964982703\n1,10,4.5\n", 3, 4, "timestamp", "expected 4 columns")]
    [InlineData("userId,movieId,rating,timestamp\n1,10,9,964982703\n", 2, 3, "rating", "rating from 0.5 to 5")]
    [InlineData("userId,movieId,rating,timestamp\n1,10,4,-5\n", 2, 4, "timestamp", "unix time")]
    [InlineData("userId,itemId,rating,timestamp\n1,10,4,5\n", 1, 2, "movieId", "expected header")]
    [InlineData("", 1, 1, "userId", "empty")]
    public async Task ImportAsync_MalformedRow_ThrowsNamingFileLineAndColumn(string content, int line, int column, string name, string expected)
    {
        await using var temp = await TempStore.CreateAsync();
        var path = ImportTestFiles.Write(temp, "ratings.csv", content);

        var error = await Assert.ThrowsAsync<ImportFormatException>(() => new MovieLensImporter().ImportAsync(path, temp.Store));

        Assert.Equal("ratings.csv", error.File);
        Assert.Equal(line, error.Line);
        Assert.Equal(column, error.Column);
        Assert.Equal(name, error.ColumnName);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportAsync_SkipBad_CountsBadRowsAndImportsTheRest()
    {
        await using var temp = await TempStore.CreateAsync();
        var path = ImportTestFiles.Write(temp, "u.data", "1\t10\t5\t881250949\n1\tabc\t5\t881250949\n2\t10\n3\t11\t1\t881250950\n");

        var report = await new MovieLensImporter().ImportAsync(path, temp.Store, new ImportOptions { SkipBad = true, MaxBadSamples = 1 });

        Assert.Equal(4, report.Rows);
        Assert.Equal(2, report.SkippedRows);
        Assert.Equal(5, report.ImportedEvents);
        var sample = Assert.Single(report.BadRowSamples);
        Assert.Equal(new ImportRowError(2, 2, "movieId", sample.Message), sample);
    }
}
