namespace Whisper.World.Import;

/// <summary>What an import read and stored.</summary>
/// <param name="File">File name imported.</param>
/// <param name="Format">Detected format: "movielens-csv", "movielens-100k" or "kuairec".</param>
/// <param name="Rows">Data rows read (header excluded), good and bad.</param>
/// <param name="ImportedEvents">Events newly stored.</param>
/// <param name="DuplicateEvents">Events the log already had (a re-import).</param>
/// <param name="SkippedRows">Malformed rows skipped (only with <see cref="ImportOptions.SkipBad"/>).</param>
/// <param name="UntimedRows">KuaiRec rows with no time, date or timestamp: well-formed but not importable, skipped.</param>
/// <param name="Users">Distinct users seen.</param>
/// <param name="Videos">Distinct videos seen.</param>
/// <param name="BadRowSamples">The first <see cref="ImportOptions.MaxBadSamples"/> bad rows.</param>
/// <param name="Elapsed">Wall time.</param>
public sealed record ImportReport(
    string File,
    string Format,
    long Rows,
    long ImportedEvents,
    long DuplicateEvents,
    long SkippedRows,
    long UntimedRows,
    long Users,
    long Videos,
    IReadOnlyList<ImportRowError> BadRowSamples,
    TimeSpan Elapsed);
