using Whisper.Recommendation.Ranking;
using Whisper.Recommendation.Reranking;

namespace Whisper.Recommendation.Tests.Reranking;

public sealed class ReRankerOptionsTests
{
    [Fact]
    public void Validate_Defaults_NoProblems() => Assert.Empty(new ReRankerOptions().Validate());

    [Fact]
    public void Validate_EveryBadSetting_ReportedTogether()
    {
        var options = new ReRankerOptions
        {
            MaxPerCreator = 0,
            MaxPerTopic = -1,
            MinFreshShare = 0.5,
            MaxFreshShare = 0.2,
            AvailableOrigins = new Dictionary<string, IReadOnlyList<string>> { ["mars"] = ["us"], ["us"] = [], ["eu"] = ["moon"] },
        };

        var problems = options.Validate();

        Assert.Equal(6, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("MaxPerCreator", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("MaxPerTopic", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("MinFreshShare (0.5) is above", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("'mars'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("AvailableOrigins['us'] is empty", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("'moon'", StringComparison.Ordinal));
    }

    [Fact]
    public void Constructor_BadOptions_ThrowsListingAll()
    {
        var error = Assert.Throws<RecommendationOptionsException>(() => new ReRanker(new ReRankerOptions { MaxPerCreator = 0, MaxFreshShare = 2 }));

        Assert.Equal(2, error.Problems.Count);
    }
}
