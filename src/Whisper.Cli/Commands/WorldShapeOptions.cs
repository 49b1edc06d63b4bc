using System.CommandLine;
using System.Text.RegularExpressions;

using Whisper.World.Generation;

namespace Whisper.Cli.Commands;

/// <summary>The options that shape a synthetic world, shared by <c>world generate</c> and <c>demo</c>.</summary>
public sealed partial class WorldShapeOptions
{
    private static readonly WorldOptions Defaults = new();

    public Option<int> Users { get; } = new("--users") { Description = "Number of users.", DefaultValueFactory = _ => Defaults.Users };

    public Option<int> Videos { get; } = new("--videos") { Description = "Number of videos.", DefaultValueFactory = _ => Defaults.Videos };

    public Option<int> Days { get; } = new("--days") { Description = "Days of activity to simulate.", DefaultValueFactory = _ => Defaults.Days };

    public Option<long> Seed { get; } = new("--seed") { Description = "Random seed: the same seed gives the same world.", DefaultValueFactory = _ => Defaults.Seed };

    public Option<double> UsShare { get; } = new("--us-share") { Description = "Fraction of users who live in the US (0..1).", DefaultValueFactory = _ => Defaults.UsShare };

    public void AddTo(Command command)
    {
        command.Add(Users);
        command.Add(Videos);
        command.Add(Days);
        command.Add(Seed);
        command.Add(UsShare);
    }

    /// <summary>Builds and validates the options; every problem becomes one usage line.</summary>
    public WorldOptions Resolve(ParseResult parse)
    {
        var options = Defaults with
        {
            Users = parse.GetValue(Users),
            Videos = parse.GetValue(Videos),
            Days = parse.GetValue(Days),
            Seed = parse.GetValue(Seed),
            UsShare = parse.GetValue(UsShare),
        };
        var problems = options.Validate();
        return problems.Count == 0 ? options : throw new UsageException(ToOptionNames(string.Join(" ", problems)));
    }

    /// <summary>The generator names its properties (UsShare); the CLI user knows the flags (--us-share).</summary>
    private static string ToOptionNames(string message) => PropertyName().Replace(message, m => m.Value switch
    {
        "UsShare" => "--us-share",
        var name => "--" + name.ToLowerInvariant(),
    });

    [GeneratedRegex(@"\b(Users|Videos|Days|Seed|UsShare)\b")]
    private static partial Regex PropertyName();
}
