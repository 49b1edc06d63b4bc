using System.Diagnostics;

using Spectre.Console;

namespace Whisper.Cli.Console;

/// <summary>
/// Shows long work: a Spectre progress bar per stage on a terminal, and plain lines at most every
/// <see cref="PlainInterval"/> (plus each stage's end) where there is no TTY, so CI logs still show progress.
/// </summary>
public static class ProgressDisplay
{
    public static readonly TimeSpan PlainInterval = TimeSpan.FromSeconds(2);

    public static async Task<T> RunAsync<T>(CliConsole console, Func<IProgress<WorkProgress>, Task<T>> work)
    {
        if (!console.Interactive)
        {
            var plain = new PlainLines(console.Out);
            var result = await work(plain).ConfigureAwait(false);
            plain.Finish();
            return result;
        }

        return await console.Ansi.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async ctx => await work(new Bars(ctx)).ConfigureAwait(false))
            .ConfigureAwait(false);
    }

    /// <summary>Synchronous reporter: Progress&lt;T&gt; would post to the thread pool and reorder reports.</summary>
    private sealed class Bars(ProgressContext context) : IProgress<WorkProgress>
    {
        private readonly Dictionary<string, ProgressTask> _tasks = new(StringComparer.Ordinal);
        private readonly Lock _gate = new();

        public void Report(WorkProgress value)
        {
            lock (_gate)
            {
                if (!_tasks.TryGetValue(value.Stage, out var task))
                {
                    task = context.AddTask(Markup.Escape(value.Stage), maxValue: Math.Max(1, value.Total));
                    _tasks[value.Stage] = task;
                }

                if (value.Total > 0)
                {
                    task.MaxValue = value.Total;
                }

                if (value.Detail is { } detail)
                {
                    task.Description = Markup.Escape($"{value.Stage}  {detail}");
                }

                task.Value = value.Total > 0 ? Math.Min(value.Done, value.Total) : task.MaxValue;
            }
        }
    }

    private sealed class PlainLines(TextWriter output) : IProgress<WorkProgress>
    {
        private readonly Stopwatch _sinceLast = Stopwatch.StartNew();
        private readonly Lock _gate = new();
        private WorkProgress? _last;

        public void Report(WorkProgress value)
        {
            lock (_gate)
            {
                var stageChanged = _last is { } last && last.Stage != value.Stage;
                if (stageChanged)
                {
                    Write(_last!.Value);
                }

                var done = value.Total > 0 && value.Done >= value.Total;
                if (done || _sinceLast.Elapsed >= PlainInterval)
                {
                    Write(value);
                    _last = done ? null : value;
                    return;
                }

                _last = value;
            }
        }

        public void Finish()
        {
            lock (_gate)
            {
                if (_last is { } last)
                {
                    Write(last);
                    _last = null;
                }
            }
        }

        private void Write(WorkProgress p)
        {
            var percent = p.Total > 0 ? $" ({100.0 * p.Done / p.Total:F0}%)" : string.Empty;
            var detail = p.Detail is null ? string.Empty : "  " + p.Detail;
            output.WriteLine($"  {p.Stage}: {p.Done:N0}{(p.Total > 0 ? $"/{p.Total:N0}" : string.Empty)}{percent}{detail}");
            _sinceLast.Restart();
        }
    }
}
