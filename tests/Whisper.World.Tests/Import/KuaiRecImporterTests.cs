using Whisper.Core.Domain;
using Whisper.Core.Validation;
using Whisper.World.Import;

namespace Whisper.World.Tests.Import;

public sealed class KuaiRecImporterTests
{
    private const string Header = "user_id,video_id,play_duration,video_duration,time,date,timestamp,watch_ratio\n";

    [Fact]
    public async Task ImportAsync_SmallMatrix_MapsRowsToViewsAndSkips()
    {
        await using var temp = await TempStore.CreateAsync();
        var path = ImportTestFiles.Write(temp, "small_matrix.csv", Header
            + "14,148,4381,6067,2020-07-05 05:27:48.378,20200705.0,1593898068.378,0.722103\n"
            + "14,183,1000,11000,2020-07-05 05:28:00.057,20200705,1593898080.057,0.0909\n"
            + "15,148,7000,6067,2020-07-05 06:00:00.000,20200705,,1.1538\n"
            + "16,148,3000,6067,,,,0.49\n");

        var report = await new KuaiRecImporter().ImportAsync(path, temp.Store);

        var events = (await temp.ReadAllEventsAsync()).Select(e => e.Event).ToList();
        Assert.Equal(4, report.Rows);
        Assert.Equal(1, report.UntimedRows);
        Assert.Equal(6, report.ImportedEvents);
        Assert.Equal([EventKind.Impression, EventKind.View, EventKind.Impression, EventKind.Skip, EventKind.Impression, EventKind.View],
            events.Select(e => e.Kind));
        Assert.Equal(15, events[0].UserId); // 0-based ids become id + 1
        Assert.Equal(149, events[0].VideoId);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1593898068378), events[0].OccurredAt);
        Assert.Equal(4381, events[1].WatchTimeMs);
        Assert.Equal(1000, events[3].WatchTimeMs);
        Assert.Equal(new DateTimeOffset(2020, 7, 5, 6, 0, 0, TimeSpan.FromHours(8)), events[4].OccurredAt); // time column is UTC+8
        Assert.All(events, e => Assert.Null(EventRules.Validate(e)));
        Assert.Equal(6067, (await temp.Store.Catalog.GetVideoAsync(149))!.DurationMs);
    }

    [Theory]
    [InlineData("14,abc,4381,6067,,,1593898068.378,0.72\n", 2, 2, "video_id", "integer video id")]
    [InlineData("14,148,-5,6067,,,1593898068.378,0.72\n", 2, 3, "play_duration", "play duration")]
    [InlineData("14,148,4381,0,,,1593898068.378,0.72\n", 2, 4, "video_duration", "positive video duration")]
    [InlineData("14,148,4381,6067,,,1593898068.378\n", 2, 8, "watch_ratio", "columns")]
    [InlineData("14,148,4381,6067,,,yesterday,0.72\n", 2, 7, "timestamp", "unix seconds")]
    public async Task ImportAsync_MalformedRow_ThrowsNamingFileLineAndColumn(string row, int line, int column, string name, string expected)
    {
        await using var temp = await TempStore.CreateAsync();
        var path = ImportTestFiles.Write(temp, "small_matrix.csv", Header + row);

        var error = await Assert.ThrowsAsync<ImportFormatException>(() => new KuaiRecImporter().ImportAsync(path, temp.Store));

        Assert.Equal(("small_matrix.csv", line, column, name), (error.File, error.Line, error.Column, error.ColumnName));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportAsync_WrongHeader_ThrowsAtLineOne()
    {
        await using var temp = await TempStore.CreateAsync();
        var path = ImportTestFiles.Write(temp, "big_matrix.csv", "user_id,video_id,play_ms,video_duration,time,date,timestamp,watch_ratio\n1,2,3,4,,,5,0.5\n");

        var error = await Assert.ThrowsAsync<ImportFormatException>(() => new KuaiRecImporter().ImportAsync(path, temp.Store));

        Assert.Equal((1, 3, "play_duration"), (error.Line, error.Column, error.ColumnName));
    }

    [Fact]
    public async Task ImportAsync_EmptyFile_Throws()
    {
        await using var temp = await TempStore.CreateAsync();
        var path = ImportTestFiles.Write(temp, "small_matrix.csv", "");

        var error = await Assert.ThrowsAsync<ImportFormatException>(() => new KuaiRecImporter().ImportAsync(path, temp.Store));

        Assert.Equal((1, 1), (error.Line, error.Column));
        Assert.Contains("empty", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportAsync_SkipBadTwice_CountsBadRowsAndStoresNothingTwice()
    {
        await using var temp = await TempStore.CreateAsync();
        var path = ImportTestFiles.Write(temp, "small_matrix.csv", Header
            + "1,2,1000,2000,,,1593898068.1,0.5\n"
            + "1,x,1000,2000,,,1593898068.1,0.5\n"
            + "2,2,1000,2000,,,1593898069.1,0.5\n");
        var options = new ImportOptions { SkipBad = true };

        var first = await new KuaiRecImporter().ImportAsync(path, temp.Store, options);
        var second = await new KuaiRecImporter().ImportAsync(path, temp.Store, options);

        Assert.Equal((3L, 1L, 4L), (first.Rows, first.SkippedRows, first.ImportedEvents));
        Assert.Equal((0L, 4L), (second.ImportedEvents, second.DuplicateEvents));
        Assert.Equal(4, await temp.Store.Events.GetHeadAsync());
        Assert.Equal(new ImportRowError(3, 2, "video_id", first.BadRowSamples[0].Message), first.BadRowSamples[0]);
    }
}
