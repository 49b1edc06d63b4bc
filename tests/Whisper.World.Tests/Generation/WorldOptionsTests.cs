using Whisper.World.Generation;

namespace Whisper.World.Tests.Generation;

public sealed class WorldOptionsTests
{
    [Fact]
    public void Validate_Defaults_NoProblems()
    {
        Assert.Empty(new WorldOptions().Validate());
        Assert.Equal(2_500, new WorldOptions().EffectiveCreators);
    }

    [Fact]
    public void Validate_ManyBadOptions_ReportsEveryProblemNamingTheOption()
    {
        var options = new WorldOptions
        {
            Users = 0,
            Videos = -5,
            Days = 0,
            UsShare = 1.5,
            Topics = 0,
            LatentDimensions = 1,
            SessionsPerUserPerDay = double.NaN,
            ExplorationRate = -0.1,
            ResidencyConflictRate = 2,
            Start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.FromHours(2)),
        };

        var problems = options.Validate();

        foreach (var name in new[] { "Users", "Videos", "Days", "UsShare", "Topics", "LatentDimensions", "SessionsPerUserPerDay", "ExplorationRate", "ResidencyConflictRate", "Start" })
        {
            Assert.Contains(problems, p => p.StartsWith(name + " ", StringComparison.Ordinal));
        }

        Assert.All(problems, p => Assert.Contains("use", p, StringComparison.Ordinal));
    }

    [Fact]
    public void Constructor_InvalidOptions_ThrowsWithAllProblems()
    {
        var error = Assert.Throws<WorldOptionsException>(() => new WorldGenerator(new WorldOptions { Users = 10, Creators = 11, Videos = 0 }));

        Assert.Equal(2, error.Problems.Count);
        Assert.Contains(error.Problems, p => p.StartsWith("Creators", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.StartsWith("Videos", StringComparison.Ordinal));
    }
}
