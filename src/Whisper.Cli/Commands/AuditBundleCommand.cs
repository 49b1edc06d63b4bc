using System.CommandLine;

using Whisper.Cli.Console;

namespace Whisper.Cli.Commands;

/// <summary>
/// <c>whisper audit-bundle create|verify</c>: one signed archive of a region's evidence for an auditor, checked
/// offline (docs/evidence-bundle.md). A verb group of its own, for the reason <see cref="IntegrityCommand"/> gives:
/// <c>whisper audit &lt;path&gt;</c> cannot host subcommands.
/// </summary>
public static class AuditBundleCommand
{
    public static Command Create(CliConsole console) => new("audit-bundle", "Evidence bundles: sign a region's audit evidence into one archive; verify one offline.")
    {
        AuditBundleCreateCommand.Create(console),
        AuditBundleVerifyCommand.Create(console),
    };

    /// <summary>Reads a file the user named; a missing or unreadable one is bad input naming the option.</summary>
    internal static byte[] ReadInput(string path, string option)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"{option} {path}: cannot read it ({e.Message.TrimEnd('.')}); check the path.");
        }
    }
}
