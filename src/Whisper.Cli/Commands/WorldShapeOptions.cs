using System.CommandLine;
using System.Text.RegularExpressions;

using Whisper.World.Generation;

namespace Whisper.Cli.Commands;

/// <summary>The options that shape a synthetic world, shared by <c>world generate</c> and <c>demo</c>.</summary>
public sealed partial class WorldShapeOptions
{
    private readonly WorldOptions _defaults;

    /// <summary>Options defaulting to the demo world.</summary>
    public WorldShapeOptions()
        : this(new WorldOptions())
    {
    }

    /// <summary>Options defaulting to <paramref name="defaults"/> (a benchmark's own world size).</summary>
    public WorldShapeOptions(WorldOptions defaults)
    {
        _defaults = defaults;
        Users = new("--users") { Description = "Number of users.", DefaultValueFactory = _ => defaults.Users };
        Videos = new("--videos") { Description = "Number of videos.", DefaultValueFactory = _ => defaults.Videos };
        Days = new("--days") { Description = "Days of activity to simulate.", DefaultValueFactory = _ => defaults.Days };
        Seed = new("--seed") { Description = "Random seed: the same seed gives the same world.", DefaultValueFactory = _ => defaults.Seed };
        UsShare = new("--us-share") { Description = "Fraction of users who live in the US (0..1).", DefaultValueFactory = _ => defaults.UsShare };
    }

    public Option<int> Users { get; }

    public Option<int> Videos { get; }

    public Option<int> Days { get; }

    public Option<long> Seed { get; }

    public Option<double> UsShare { get; }

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
        var options = _defaults with
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
