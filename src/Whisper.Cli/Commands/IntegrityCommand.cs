using System.CommandLine;

using Whisper.Cli.Console;

namespace Whisper.Cli.Commands;

/// <summary>
/// <c>whisper integrity responses|ranking</c>: algorithm-integrity audits of what was served. A verb group of its own
/// rather than subcommands of <c>whisper audit &lt;path&gt;</c>: System.CommandLine would show them as
/// <c>whisper audit &lt;path&gt; ranking</c> and would take a source directory named <c>ranking</c> or <c>responses</c> for the verb.
/// </summary>
public static class IntegrityCommand
{
    public static Command Create(CliConsole console) => new("integrity", "Algorithm integrity: check served responses against approved models; find hidden boosts and suppressions.")
    {
        IntegrityResponsesCommand.Create(console),
        IntegrityRankingCommand.Create(console),
    };
}
