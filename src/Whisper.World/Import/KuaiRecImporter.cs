using System.Diagnostics;
using System.Globalization;

using nietras.SeparatedValues;

using Whisper.Core.Domain;
using Whisper.Core.Validation;
using Whisper.Storage;
using Whisper.World.Generation;

namespace Whisper.World.Import;

/// <summary>
/// KuaiRec interaction matrices (<c>small_matrix.csv</c>, <c>big_matrix.csv</c>): header
/// user_id,video_id,play_duration,video_duration,time,date,timestamp,watch_ratio. Each row becomes an impression at its
/// time and a view (watch time = play_duration) — or a skip when watch_ratio is below <see cref="SkipBelowWatchRatio"/>.
/// Ids are 0-based in KuaiRec and become id + 1 (+ <see cref="ImportOptions.IdOffset"/>). Mapping: docs/importers.md.
/// </summary>
public sealed class KuaiRecImporter : IDatasetImporter
{
    /// <summary>A row watched less than this fraction of the video becomes a skip (the synthetic world uses the same cut).</summary>
    public const double SkipBelowWatchRatio = 0.25;

    /// <summary>KuaiRec's <c>time</c> and <c>date</c> columns are Beijing local time.</summary>
    public static readonly TimeSpan SourceUtcOffset = TimeSpan.FromHours(8);

    /// <summary>Country of KuaiRec users (Kuaishou, China; the data has no location).</summary>
    public const string UserCountry = SyntheticGeography.ChinaCode;

    private static readonly string[] Columns =
        ["user_id", "video_id", "play_duration", "video_duration", "time", "date", "timestamp", "watch_ratio"];

    private const int UserCol = 0, VideoCol = 1, PlayCol = 2, DurationCol = 3, TimeCol = 4, DateCol = 5, StampCol = 6, RatioCol = 7;

    public string Name => "kuairec";

    public bool CanImport(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (Path.GetFileName(path).EndsWith("_matrix.csv", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (!File.Exists(path))
        {
            return false;
        }

        using var text = new StreamReader(path);
        return (text.ReadLine() ?? "").StartsWith("user_id,video_id,play_duration", StringComparison.Ordinal);
    }

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
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path} does not exist; pass the path of small_matrix.csv or big_matrix.csv.", path);
        }

        if (new FileInfo(path).Length == 0)
        {
            throw new ImportFormatException(file, 1, 1, Columns[0], $"the file is empty; expected the header {string.Join(',', Columns)}.");
        }

        var sink = new ImportSink(store, options, file);
        var shift = options.TimeShift ?? TimeSpan.Zero;
        await Placeholders.UpsertCreatorAsync(store, Name, UserCountry, options.IdOffset, cancellationToken).ConfigureAwait(false);

        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        var total = stream.Length;
        using var reader = Sep.New(',').Reader(o => o with { HasHeader = true, DisableColCountCheck = true }).From(stream);
        var map = MapHeader(reader, file);
        var more = true;
        while (more)
        {
            cancellationToken.ThrowIfCancellationRequested();
            more = ReadChunk(reader, sink, map, options.IdOffset, shift);
            await sink.FlushAsync(cancellationToken).ConfigureAwait(false);
            progress?.Report(new WorldProgress("import", more ? stream.Position : total, total));
        }

        return new ImportReport(file, "kuairec", sink.Rows, sink.Imported, sink.Duplicates, sink.SkippedRows, sink.UntimedRows,
            sink.Users, sink.Videos, sink.Samples, clock.Elapsed);
    }

    /// <summary>File column index of each required column (any order; extra columns are ignored).</summary>
    private static int[] MapHeader(SepReader reader, string file)
    {
        var names = reader.Header.ColNames;
        var map = new int[Columns.Length];
        for (var i = 0; i < Columns.Length; i++)
        {
            map[i] = -1;
            for (var j = 0; j < names.Count; j++)
            {
                if (string.Equals(names[j].Trim(), Columns[i], StringComparison.Ordinal))
                {
                    map[i] = j;
                    break;
                }
            }

            if (map[i] < 0)
            {
                throw new ImportFormatException(file, 1, i + 1, Columns[i],
                    $"the header lacks '{Columns[i]}'; expected {string.Join(',', Columns)}, found {string.Join(',', names)}.");
            }
        }

        return map;
    }

    private static bool ReadChunk(SepReader reader, ImportSink sink, int[] map, long idOffset, TimeSpan shift)
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
            var status = TryParse(row, line, map, shift, out var parsed, out var error);
            if (status == RowStatus.Bad)
            {
                sink.Bad(error!);
                continue;
            }

            if (status == RowStatus.Untimed)
            {
                sink.UntimedRows++;
                continue;
            }

            var user = idOffset + parsed.User + 1;
            var video = idOffset + parsed.Video + 1;
            if (sink.IsNewUser(user))
            {
                sink.AddUser(Placeholders.User("kuairec", user, UserCountry, parsed.At));
            }

            if (sink.IsNewVideo(video))
            {
                sink.AddVideo(new Video(video, idOffset + Placeholders.CreatorId, parsed.VideoDurationMs, parsed.At, ["kuairec"], "zh", Regions.AsiaPacific));
            }

            var kind = parsed.WatchRatio < SkipBelowWatchRatio ? EventKind.Skip : EventKind.View;
            sink.AddEvent(new EngagementEvent(sink.EventId(line, 0), user, video, EventKind.Impression, parsed.At));
            sink.AddEvent(new EngagementEvent(sink.EventId(line, 1), user, video, kind, parsed.At.AddMilliseconds(parsed.PlayMs), parsed.PlayMs));
        }

        return true;
    }

    private static RowStatus TryParse(SepReader.Row row, int line, int[] map, TimeSpan shift, out Parsed parsed, out ImportRowError? error)
    {
        parsed = default;
        error = null;
        ImportRowError Fail(int col, string message) => new(line, map[col] + 1, Columns[col], message);

        for (var c = 0; c < Columns.Length; c++)
        {
            if (map[c] >= row.ColCount)
            {
                error = Fail(c, $"the row has {row.ColCount} columns; expected {map.Max() + 1} like the header.");
                return RowStatus.Bad;
            }
        }

        if (!TryWhole(row[map[UserCol]].Span, out var user) || user < 0)
        {
            error = Fail(UserCol, $"expected a non-negative integer user id, found '{row[map[UserCol]].ToString()}'.");
            return RowStatus.Bad;
        }

        if (!TryWhole(row[map[VideoCol]].Span, out var video) || video < 0)
        {
            error = Fail(VideoCol, $"expected a non-negative integer video id, found '{row[map[VideoCol]].ToString()}'.");
            return RowStatus.Bad;
        }

        if (!TryWhole(row[map[PlayCol]].Span, out var play) || play < 0 || play > EventRules.MaxWatchTimeMs)
        {
            error = Fail(PlayCol, $"expected a play duration in milliseconds, 0..{EventRules.MaxWatchTimeMs}, found '{row[map[PlayCol]].ToString()}'.");
            return RowStatus.Bad;
        }

        if (!TryWhole(row[map[DurationCol]].Span, out var duration) || duration <= 0 || duration > int.MaxValue)
        {
            error = Fail(DurationCol, $"expected a positive video duration in milliseconds, found '{row[map[DurationCol]].ToString()}'.");
            return RowStatus.Bad;
        }

        var ratioText = row[map[RatioCol]].Span.Trim();
        double ratio;
        if (ratioText.IsEmpty)
        {
            ratio = (double)play / duration;
        }
        else if (!double.TryParse(ratioText, NumberStyles.Float, CultureInfo.InvariantCulture, out ratio) || !double.IsFinite(ratio) || ratio < 0)
        {
            error = Fail(RatioCol, $"expected a non-negative watch ratio, found '{ratioText.ToString()}'.");
            return RowStatus.Bad;
        }

        // Time: timestamp (unix seconds, fraction allowed) → time ("yyyy-MM-dd HH:mm:ss.fff", UTC+8) → date (yyyyMMdd, noon UTC+8).
        DateTimeOffset at;
        var stamp = row[map[StampCol]].Span.Trim();
        var time = row[map[TimeCol]].Span.Trim();
        var date = row[map[DateCol]].Span.Trim();
        if (!stamp.IsEmpty)
        {
            if (!double.TryParse(stamp, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) || !double.IsFinite(seconds)
                || seconds < 0 || seconds > 253_402_300_799)
            {
                error = Fail(StampCol, $"expected unix seconds (e.g. 1593898068.378), found '{stamp.ToString()}'.");
                return RowStatus.Bad;
            }

            at = DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(seconds * 1000));
        }
        else if (!time.IsEmpty)
        {
            if (!DateTime.TryParseExact(time, ["yyyy-MM-dd HH:mm:ss.FFFFFFF", "yyyy-MM-dd HH:mm:ss"], CultureInfo.InvariantCulture,
                    DateTimeStyles.None, out var local))
            {
                error = Fail(TimeCol, $"expected a time like 2020-07-05 05:27:48.378, found '{time.ToString()}'.");
                return RowStatus.Bad;
            }

            at = new DateTimeOffset(local, SourceUtcOffset);
        }
        else if (!date.IsEmpty)
        {
            if (!TryWhole(date, out var ymd) || !DateTime.TryParseExact(ymd.ToString(CultureInfo.InvariantCulture), "yyyyMMdd",
                    CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                error = Fail(DateCol, $"expected a date like 20200705, found '{date.ToString()}'.");
                return RowStatus.Bad;
            }

            at = new DateTimeOffset(day.AddHours(12), SourceUtcOffset);
        }
        else
        {
            return RowStatus.Untimed;
        }

        if (DateTimeOffset.MaxValue - shift < at || (at + shift).Year is < 2000 or > 9000)
        {
            error = Fail(stamp.IsEmpty ? (time.IsEmpty ? DateCol : TimeCol) : StampCol,
                $"time {at:O} shifted by {shift.TotalDays} days falls outside 2000..9000, which the event rules reject; set ImportOptions.TimeShift.");
            return RowStatus.Bad;
        }

        parsed = new Parsed(user, video, (int)play, (int)duration, ratio, at + shift);
        return RowStatus.Ok;
    }

    /// <summary>An integer, also written as an integral float ("4381.0"), as pandas writes columns that had gaps.</summary>
    private static bool TryWhole(ReadOnlySpan<char> text, out long value)
    {
        text = text.Trim();
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value))
        {
            return true;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d)
            && d == Math.Floor(d) && Math.Abs(d) < 9e15)
        {
            value = (long)d;
            return true;
        }

        return false;
    }

    private enum RowStatus
    {
        Ok,
        Bad,
        Untimed,
    }

    private readonly record struct Parsed(long User, long Video, int PlayMs, int VideoDurationMs, double WatchRatio, DateTimeOffset At);
}
