using System.CommandLine;

using Whisper.Cli.Console;
using Whisper.FeatureStore.Contract;
using Whisper.FeatureStore.Definitions;

namespace Whisper.Cli.Commands;

/// <summary>
/// <c>whisper features export [--config file] [--region us] [--out path]</c>: writes the region's feature contract
/// (docs/feature-contract.md) — the built-in features, or those of a feature file — to a file or stdout. Exit 2 when the
/// feature file is unreadable or invalid (every problem listed on one line).
/// </summary>
public static class FeaturesExportCommand
{
    public const string DefaultRegion = "us";

    public static Command Create(CliConsole console)
    {
        var config = new Option<string?>("--config") { Description = "Feature file (\"format\": \"whisper-feature-config\", or another region's contract); default: the built-in features." };
        var region = new Option<string?>("--region") { Description = $"Region named in the contract; default: the feature file's region, else {DefaultRegion}." };
        var output = new Option<string?>("--out") { Description = "Contract file to write; default: stdout." };
        var command = new Command("export", "Write this region's feature contract (definitions, TTLs, defaults, model inputs) as JSON.") { config, region, output };
        command.SetAction(async (parse, ct) =>
        {
            var (fileRegion, registry) = await LoadAsync(parse.GetValue(config), ct).ConfigureAwait(false);
            var contract = FeatureContract.FromRegistry(parse.GetValue(region) ?? fileRegion ?? DefaultRegion, registry, TimeProvider.System);
            var json = FeatureContractFile.ToJson(contract);
            if (parse.GetValue(output) is { } path)
            {
                try
                {
                    var folder = Path.GetDirectoryName(Path.GetFullPath(path));
                    if (folder is not null)
                    {
                        Directory.CreateDirectory(folder);
                    }

                    await File.WriteAllTextAsync(path, json, ct).ConfigureAwait(false);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
                {
                    throw new UsageException($"--out {path}: cannot be written ({e.Message.TrimEnd('.')}); choose a writable path.");
                }

                console.Error.WriteLine($"wrote {registry.Count} features, {registry.ModelInputs.Count} model inputs to {path}");
            }
            else
            {
                console.Out.Write(json);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>The built-in features, or a feature file's; bad files are a usage error (exit 2).</summary>
    public static async Task<(string? Region, FeatureRegistry Registry)> LoadAsync(string? path, CancellationToken ct)
    {
        if (path is null)
        {
            return (null, DefaultFeatures.CreateRegistry());
        }

        try
        {
            return await FeatureConfigFile.LoadAsync(path, ct).ConfigureAwait(false);
        }
        catch (FeatureContractFormatException e)
        {
            throw new UsageException(e.Message);
        }
        catch (FeatureConfigurationException e)
        {
            throw new UsageException($"{path}: {e.Message} Fix the feature file and run again.");
        }
    }
}
