using Whisper.Cli.Console;
using Whisper.Fork.Chunks;
using Whisper.Fork.Keys;
using Whisper.Fork.Manifest;

namespace Whisper.Cli.Commands.Fork;

/// <summary>
/// Turns the fork's refusals into exit code 1 and one line that names what was refused (the chunk id, the key id,
/// the manifest) — a refusal is a verification failure, not a crash. Disk full is the same: the journal keeps the
/// work done, so the line says to free space and re-run.
/// </summary>
internal static class ForkErrors
{
    public static async Task<int> RunAsync(CliConsole console, Func<Task<int>> work)
    {
        try
        {
            return await work().ConfigureAwait(false);
        }
        catch (Exception e) when (e is ForkManifestException or ChunkIntegrityException or MissingKeyException or InvalidOperationException)
        {
            console.Error.WriteLine($"whisper: {e.Message}");
            return ExitCodes.Failed;
        }
        catch (IOException e) when (e is not FileNotFoundException and not DirectoryNotFoundException)
        {
            console.Error.WriteLine($"whisper: {e.Message.TrimEnd('.')}; the work done so far is journaled — free space (or fix the disk) and run the same command again to resume.");
            return ExitCodes.Failed;
        }
    }
}
