using Whisper.Storage;

namespace Whisper.Cli.Tests;

public sealed class ImportCommandTests
{
    [Fact]
    public async Task ImportMovieLens_GoodFile_StoresEventsAndReportsCounts()
    {
        using var temp = new TempFolder();
        var ratings = temp.File("ratings.csv");
        await File.WriteAllTextAsync(ratings, "userId,movieId,rating,timestamp\n1,10,5.0,964982703\n2,10,1.0,964982931\n");

        var run = await CliRun.RunAsync("import", "movielens", ratings, "--store", temp.File("s.db"));

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Contains("2 rows", run.Out, StringComparison.Ordinal);
        await using var store = await WhisperStores.OpenAsync(new StoreOptions(StoreProvider.Sqlite, temp.File("s.db")));
        Assert.True(await store.Events.GetHeadAsync() >= 4, "each rating gives at least an impression and a view or skip");
    }

    [Fact]
    public async Task ImportMovieLens_MalformedRow_ExitsTwoNamingFileLineAndColumn()
    {
        using var temp = new TempFolder();
        var ratings = temp.File("ratings.csv");
        await File.WriteAllTextAsync(ratings, "userId,movieId,rating,timestamp\n1,10,5.0,964982703\n2,ten,1.0,964982931\n");

        var run = await CliRun.RunAsync("import", "movielens", ratings, "--store", temp.File("s.db"));

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("ratings.csv", run.Error, StringComparison.Ordinal);
        Assert.Contains("line 3", run.Error, StringComparison.Ordinal);
        Assert.Contains("movieId", run.Error, StringComparison.Ordinal);
        Assert.Contains("--skip-bad", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportKuaiRec_SkipBad_ImportsGoodRowsAndReportsTheBadOne()
    {
        using var temp = new TempFolder();
        var matrix = temp.File("small_matrix.csv");
        await File.WriteAllTextAsync(matrix,
            "user_id,video_id,play_duration,video_duration,time,date,timestamp,watch_ratio\n" +
            "14,148,4381,6067,2020-07-05 05:27:48.378,20200705.0,1593898068.378,0.722\n" +
            "14,183,oops,11000,2020-07-05 05:28:00.057,20200705.0,1593898080.057,1.907\n");

        var run = await CliRun.RunAsync("import", "kuairec", matrix, "--skip-bad", "--store", temp.File("s.db"));

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Contains("1 malformed rows skipped", run.Out, StringComparison.Ordinal);
        Assert.Contains("line 3", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_MissingFile_ExitsTwo()
    {
        using var temp = new TempFolder();

        var run = await CliRun.RunAsync("import", "kuairec", temp.File("absent.csv"), "--store", temp.File("s.db"));

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("absent.csv", run.Error, StringComparison.Ordinal);
    }
}
