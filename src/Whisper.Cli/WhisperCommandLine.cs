using System.CommandLine;

using Whisper.Cli.Commands;
using Whisper.Cli.Commands.Fork;
using Whisper.Cli.Console;

namespace Whisper.Cli;

/// <summary>
/// Builds the whisper command tree and runs it with Whisper's exit codes: parse errors and
/// <see cref="UsageException"/> give 2 and one line on stderr (System.CommandLine alone would give 1 and the help).
/// </summary>
public static class WhisperCommandLine
{
    public static RootCommand Build(CliConsole console)
    {
        var world = new Command("world", "Synthetic worlds with known ground truth.") { WorldGenerateCommand.Create(console) };
        var import = new Command("import", "Import real data sets into the event model.")
        {
            ImportCommand.Create(console, ImportCommand.Source.MovieLens),
            ImportCommand.Create(console, ImportCommand.Source.KuaiRec),
        };
        var bench = new Command("bench", "Benchmarks that print JSON with a same-run baseline.") { BenchIngestCommand.Create(console), BenchWorldCommand.Create(console), BenchAnnCommand.Create(console), BenchTrainCommand.Create(console), BenchFeedCommand.Create(console), BenchFreshnessCommand.Create(console), BenchFeaturesCommand.Create(console), BenchForkCommand.Create(console), BenchAuditCommand.Create(console), BenchTlogCommand.Create(console), BenchParityCommand.Create(console), BenchPurgeCommand.Create(console), BenchGatewayCommand.Create(console), BenchIntegrityCommand.Create(console) };
        var keys = new Command("keys", "API keys and JWTs for the server.") { KeysCreateCommand.Create(console), KeysTokenCommand.Create(console) };

        return new RootCommand("Whisper: a short-video recommendation platform that forks into sovereign regional copies.")
        {
            DemoCommand.Create(console),
            world,
            import,
            ServeCommand.Create(console),
            keys,
            bench,
            EvalCommand.Create(console),
            new Command("features", "Feature contracts: export a region's, diff two regions'.") { FeaturesExportCommand.Create(console), FeaturesDiffCommand.Create(console) },
            new Command("lab", "Labs that measure degradation on a synthetic world.") { LabForkDegradationCommand.Create(console) },
            ForkCommand.Create(console),
            Commands.Parity.ParityCommand.Create(console),
            DetectCommand.Create(console),
            AuditCommand.Create(console),
            ModelCommand.Create(console),
            IntegrityCommand.Create(console),
            EgressCommand.Create(console),
            TlogCommand.Create(console),
            Commands.Cutover.CutoverCommand.Create(console),
            AuditTrailCommand.Create(console),
            ComplianceCommand.Create(console),
            AuditBundleCommand.Create(console),
            CaCommand.Create(console),
        };
    }

    public static async Task<int> RunAsync(string[] args, CliConsole console, CancellationToken cancellationToken = default)
    {
        var root = Build(console);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            var verb = string.Join(' ', CommandPath(parse.CommandResult.Command, root));
            // "Required command was not provided" also accompanies an unknown verb; the token error is the useful one.
            var error = parse.Errors.FirstOrDefault(e => !e.Message.StartsWith("Required command", StringComparison.Ordinal)) ?? parse.Errors[0];
            console.Error.WriteLine($"whisper: {error.Message} (see 'whisper {verb} --help'.)".Replace("  ", " ", StringComparison.Ordinal));
            return ExitCodes.BadInput;
        }

        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { Output = console.Out, Error = console.Error, EnableDefaultExceptionHandler = false }, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (UsageException e)
        {
            console.Error.WriteLine($"whisper: {e.Message}");
            return ExitCodes.BadInput;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            console.Error.WriteLine("whisper: interrupted; the work done so far is kept, run the same command again to resume.");
            return ExitCodes.Interrupted;
        }
    }

    private static Stack<string> CommandPath(Command command, RootCommand root)
    {
        var names = new Stack<string>();
        for (Command? c = command; c is not null && c != root; c = c.Parents.OfType<Command>().FirstOrDefault())
        {
            names.Push(c.Name);
        }

        return names;
    }
}
