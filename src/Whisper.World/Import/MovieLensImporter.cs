using System.Diagnostics;
using System.Globalization;

using nietras.SeparatedValues;

using Whisper.Core.Domain;
using Whisper.Storage;

namespace Whisper.World.Import;

/// <summary>
/// MovieLens ratings: <c>ratings.csv</c> (header userId,movieId,rating,timestamp; ml-latest, ml-20m/25m/32m) or ml-100k's
/// <c>u.data</c> (no header; TAB-separated user id, item id, rating, timestamp). Each rating becomes an impression and a
/// view (watch time = rating / 5 of <see cref="VideoDurationMs"/>), a skip instead of the view for rating ≤ 2, plus a
/// like for rating ≥ 4. Mapping and placeholders: docs/importers.md.
/// </summary>
public sealed class MovieLensImporter : IDatasetImporter
{
    /// <summary>Duration given to every movie: a two-minute trailer, the "short video" a rating stands for.</summary>
    public const int VideoDurationMs = 120_000;

    /// <summary>Country of MovieLens users (a US research service; the data has no location).</summary>
    public const string UserCountry = "US";

    /// <summary>
    /// Default time shift: +10,958 days (1995-01-01 → 2025-01-01). MovieLens starts in 1995 and the event rules
    /// reject times before 2000; one constant shift keeps order and gaps.
    /// </summary>
    public static readonly TimeSpan DefaultTimeShift = TimeSpan.FromDays(10_958);

    private static readonly string[] Columns = ["userId", "movieId", "rating", "timestamp"];

    public string Name => "movielens";

    public bool CanImport(string path) => DetectFormat(path, throwIfUnknown: false) is not null;

    public async Task<ImportReport> ImportAsync(
        string path,
        IWhisperStore store,
        ImportOptions? options = null,
        IProgress<WorldProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(store);
        options = (options ?? new ImportOptions()).EnsureValid();

        var clock = Stopwatch.StartNew();
        var file = Path.GetFileName(path);
        var tabbed = DetectFormat(path, throwIfUnknown: true)!.Value;
        var sink = new ImportSink(store, options, file);
        var shift = options.TimeShift ?? DefaultTimeShift;
        await Placeholders.UpsertCreatorAsync(store, Name, UserCountry, options.IdOffset, cancellationToken).ConfigureAwait(false);

        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        var total = stream.Length;
        using var reader = (tabbed ? Sep.New('\t') : Sep.New(','))
            .Reader(o => o with { HasHeader = !tabbed, DisableColCountCheck = true, DisableQuotesParsing = tabbed })
            .From(stream);
        if (!tabbed)
        {
            CheckHeader(reader, file);
        }

        var more = true;
        while (more)
        {
            cancellationToken.ThrowIfCancellationRequested();
            more = ReadChunk(reader, sink, options.IdOffset, shift);
            await sink.FlushAsync(cancellationToken).ConfigureAwait(false);
            progress?.Report(new WorldProgress("import", more ? stream.Position : total, total));
        }

        return new ImportReport(file, tabbed ? "movielens-100k" : "movielens-csv", sink.Rows, sink.Imported, sink.Duplicates,
            sink.SkippedRows, 0, sink.Users, sink.Videos, sink.Samples, clock.Elapsed);
    }

    /// <summary>True: u.data shape (TAB, no header). False: ratings.csv shape. Null: neither.</summary>
    private static bool? DetectFormat(string path, bool throwIfUnknown)
    {
        var file = Path.GetFileName(path);
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new FileNotFoundException($"{path} does not exist; pass the path of ratings.csv or u.data.", path);
        }

        if (info.Length == 0)
        {
            return throwIfUnknown
                ? throw new ImportFormatException(file, 1, 1, Columns[0],
                    "the file is empty; expected the header userId,movieId,rating,timestamp (ratings.csv) or TAB-separated rows (u.data).")
                : null;
        }

        if (file.EndsWith(".data", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (file.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) && file.Contains("rating", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        using var text = new StreamReader(path);
        var first = text.ReadLine() ?? "";
        if (first.StartsWith("userId,", StringComparison.Ordinal))
        {
            return false;
        }

        if (first.Split('\t').Length == 4 && first.Split('\t').All(f => long.TryParse(f, CultureInfo.InvariantCulture, out _)))
        {
            return true;
        }

        return throwIfUnknown
            ? throw new ImportFormatException(file, 1, 1, Columns[0],
                "not a MovieLens ratings file: expected the header userId,movieId,rating,timestamp or 4 TAB-separated integers.")
            : null;
    }

    private static void CheckHeader(SepReader reader, string file)
    {
        var names = reader.Header.ColNames;
        for (var i = 0; i < Columns.Length; i++)
        {
            if (i >= names.Count || !string.Equals(names[i], Columns[i], StringComparison.Ordinal))
            {
                var found = i < names.Count ? $"'{names[i]}'" : "nothing";
                throw new ImportFormatException(file, 1, i + 1, Columns[i],
                    $"expected header userId,movieId,rating,timestamp; column {i + 1} should be '{Columns[i]}' but is {found}.");
            }
        }

        if (names.Count > Columns.Length)
        {
            throw new ImportFormatException(file, 1, Columns.Length + 1, names[Columns.Length],
                $"expected header userId,movieId,rating,timestamp; found an extra column '{names[Columns.Length]}'.");
        }
    }

    /// <summary>Reads rows until the sink's batch is full; false at the end of the file. Synchronous: Sep's rows are ref structs.</summary>
    private static bool ReadChunk(SepReader reader, ImportSink sink, long idOffset, TimeSpan shift)
    {
        while (!sink.IsFull)
        {
            if (!reader.MoveNext())
            {
                return false;
            }

            var row = reader.Current;
            var line = row.RowIndex + 1; // not LineNumberFrom: Sep 0.17 reports 2 for a header-less file's first row; these formats have no multi-line fields
            sink.Rows++;
            if (TryParse(row, line, shift, out var user, out var movie, out var rating, out var at) is { } error)
            {
                sink.Bad(error);
                continue;
            }

            user += idOffset;
            movie += idOffset;
            if (sink.IsNewUser(user))
            {
                sink.AddUser(Placeholders.User("movielens", user, UserCountry, at));
            }

            if (sink.IsNewVideo(movie))
            {
                sink.AddVideo(new Video(movie, idOffset + Placeholders.CreatorId, VideoDurationMs, at, ["movielens"], "en", Regions.Us));
            }

            var watch = (int)Math.Round(rating / 5.0 * VideoDurationMs);
            var end = at.AddMilliseconds(watch);
            sink.AddEvent(new EngagementEvent(sink.EventId(line, 0), user, movie, EventKind.Impression, at));
            sink.AddEvent(new EngagementEvent(sink.EventId(line, 1), user, movie, rating <= 2 ? EventKind.Skip : EventKind.View, end, watch));
            if (rating >= 4)
            {
                sink.AddEvent(new EngagementEvent(sink.EventId(line, 2), user, movie, EventKind.Like, end.AddMilliseconds(1)));
            }
        }

        return true;
    }

    private static ImportRowError? TryParse(SepReader.Row row, int line, TimeSpan shift, out long user, out long movie, out double rating, out DateTimeOffset at)
    {
        user = movie = 0;
        rating = 0;
        at = default;
        if (row.ColCount != Columns.Length)
        {
            var column = Math.Min(row.ColCount + 1, Columns.Length + 1);
            return new ImportRowError(line, column, column <= Columns.Length ? Columns[column - 1] : "(extra)",
                $"expected {Columns.Length} columns (userId, movieId, rating, timestamp), found {row.ColCount}.");
        }

        if (!long.TryParse(row[0].Span, NumberStyles.None, CultureInfo.InvariantCulture, out user) || user <= 0)
        {
            return new ImportRowError(line, 1, Columns[0], $"expected a positive integer user id, found '{row[0].ToString()}'.");
        }

        if (!long.TryParse(row[1].Span, NumberStyles.None, CultureInfo.InvariantCulture, out movie) || movie <= 0)
        {
            return new ImportRowError(line, 2, Columns[1], $"expected a positive integer movie id, found '{row[1].ToString()}'.");
        }

        if (!double.TryParse(row[2].Span, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out rating) || rating is < 0.5 or > 5)
        {
            return new ImportRowError(line, 3, Columns[2], $"expected a rating from 0.5 to 5, found '{row[2].ToString()}'.");
        }

        if (!long.TryParse(row[3].Span, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds > 253_402_300_799)
        {
            return new ImportRowError(line, 4, Columns[3], $"expected a unix time in whole seconds, found '{row[3].ToString()}'.");
        }

        at = DateTimeOffset.FromUnixTimeSeconds(seconds);
        if (DateTimeOffset.MaxValue - shift < at || at + shift < new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero) || (at + shift).Year > 9000)
        {
            return new ImportRowError(line, 4, Columns[3],
                $"time {at:O} shifted by {shift.TotalDays} days falls outside 2000..9000, which the event rules reject; set ImportOptions.TimeShift.");
        }

        at += shift;
        return null;
    }
}
