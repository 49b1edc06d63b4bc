using Whisper.World;

namespace Whisper.Cli.Console;

/// <summary>Forwards the world module's progress reports to the CLI's display.</summary>
public sealed class WorldProgressAdapter(IProgress<WorkProgress> inner) : IProgress<WorldProgress>
{
    public void Report(WorldProgress value) => inner.Report(new WorkProgress(value.Stage, value.Done, value.Total));
}
