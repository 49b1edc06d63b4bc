using System.CommandLine;

using Whisper.Cli.Console;
using Whisper.FeatureStore.Contract;

namespace Whisper.Cli.Commands;

/// <summary>
/// <c>whisper features diff A B</c>: every difference between two feature contracts, one per line with its severity
/// (docs/feature-contract.md, "Diff"), then a summary. Exit 1 when any is blocking, 0 otherwise, 2 when a file is unreadable.
/// </summary>
public static class FeaturesDiffCommand
{
    public static Command Create(CliConsole console)
    {
        var a = new Argument<string>("A") { Description = "Contract of the source region (from 'whisper features export')." };
        var b = new Argument<string>("B") { Description = "Contract of the other region (the fork)." };
        var command = new Command("diff", "List every mismatch between two feature contracts with its severity; exit 1 on blocking ones.") { a, b };
        command.SetAction(async (parse, ct) =>
        {
            var left = await ReadAsync(parse.GetValue(a)!, ct).ConfigureAwait(false);
            var right = await ReadAsync(parse.GetValue(b)!, ct).ConfigureAwait(false);
            var differences = FeatureContractDiff.Compare(left, right);
            foreach (var d in differences)
            {
                console.Out.WriteLine(d.ToString());
            }

            int Count(DifferenceSeverity s) => differences.Count(d => d.Severity == s);
            var blocking = Count(DifferenceSeverity.Blocking);
            console.Out.WriteLine(
                $"{differences.Count} differences: {blocking} blocking, {Count(DifferenceSeverity.Warning)} warning, {Count(DifferenceSeverity.Info)} info"
                + (blocking > 0 ? " — the regions' models would see different features; align the contracts before cutover." : "."));
            return blocking > 0 ? ExitCodes.Failed : ExitCodes.Ok;
        });
        return command;
    }

    private static async Task<FeatureContract> ReadAsync(string path, CancellationToken ct)
    {
        try
        {
            return await FeatureContractFile.ReadAsync(path, ct).ConfigureAwait(false);
        }
        catch (FeatureContractFormatException e)
        {
            throw new UsageException(e.Message);
        }
    }
}
