using System.Diagnostics;

using Whisper.Fork.Export;

namespace Whisper.Cli.Console;

/// <summary>Forwards fork progress to the display with records/s, bytes/s and the remaining time beside each bar.</summary>
public sealed class ForkProgressAdapter(IProgress<WorkProgress> inner) : IProgress<ForkProgress>
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _firstRecords = -1;
    private long _firstBytes;

    public void Report(ForkProgress value)
    {
        if (_firstRecords < 0)
        {
            // Rates count this run only: a resumed job starts from what its journal already holds.
            _firstRecords = value.Records;
            _firstBytes = value.Bytes;
        }

        if (value.Records == 0 && value.Bytes == 0)
        {
            inner.Report(new WorkProgress(value.Stage, value.Done, value.Total));
            return;
        }

        var seconds = Math.Max(_clock.Elapsed.TotalSeconds, 1e-3);
        var detail = FormattableString.Invariant($"{(value.Records - _firstRecords) / seconds:N0} rec/s, {(value.Bytes - _firstBytes) / seconds / 1e6:N1} MB/s");
        inner.Report(new WorkProgress(value.Stage, value.Done, value.Total, detail));
    }
}
