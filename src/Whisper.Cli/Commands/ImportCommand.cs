using System.CommandLine;

using Whisper.Cli.Console;
using Whisper.Storage;
using Whisper.World.Import;

namespace Whisper.Cli.Commands;

/// <summary><c>whisper import movielens|kuairec &lt;file&gt;</c>: a real data set into the event model.</summary>
public static class ImportCommand
{
    public enum Source
    {
        MovieLens,
        KuaiRec,
    }

    public static Command Create(CliConsole console, Source source)
    {
        var (name, description) = source switch
        {
            Source.MovieLens => ("movielens", "Import MovieLens ratings.csv (userId,movieId,rating,timestamp) or ml-100k u.data (tab-separated)."),
            _ => ("kuairec", "Import KuaiRec small_matrix.csv / big_matrix.csv."),
        };
        var file = new Argument<FileInfo>("file") { Description = "The data set file." };
        var skipBad = new Option<bool>("--skip-bad") { Description = "Count and report malformed rows instead of stopping at the first." };
        var store = new StoreSelection();
        var command = new Command(name, description) { file, skipBad };
        store.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(file)!;
            if (!path.Exists)
            {
                throw new UsageException($"no file at {path.FullName}; give the path to the data set file.");
            }

            IDatasetImporter importer = source == Source.MovieLens ? new MovieLensImporter() : new KuaiRecImporter();
            await using var opened = await WhisperStores.OpenAsync(store.Resolve(parse), ct).ConfigureAwait(false);
            ImportReport report;
            try
            {
                report = await ProgressDisplay.RunAsync(console, progress => importer.ImportAsync(
                    path.FullName, opened, new ImportOptions { SkipBad = parse.GetValue(skipBad) }, new WorldProgressAdapter(progress), ct)).ConfigureAwait(false);
            }
            catch (ImportFormatException e)
            {
                throw new UsageException($"{e.Message} Fix the row, or pass --skip-bad to count and skip malformed rows.");
            }

            Print(console, report);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void Print(CliConsole console, ImportReport report)
    {
        console.Out.WriteLine($"{report.File} ({report.Format}): {report.Rows:N0} rows, {report.ImportedEvents:N0} events stored, {report.DuplicateEvents:N0} already stored, " +
            $"{report.Users:N0} users, {report.Videos:N0} videos, {report.SkippedRows:N0} malformed rows skipped, {report.UntimedRows:N0} untimed rows skipped, {report.Elapsed.TotalSeconds:F1} s");
        foreach (var bad in report.BadRowSamples)
        {
            console.Out.WriteLine($"  skipped {bad}");
        }
    }
}
