using Whisper.Core.Domain;
using Whisper.FeatureStore.Contract;
using Whisper.FeatureStore.Definitions;

namespace Whisper.FeatureStore.Tests.Definitions;

public sealed class FeatureRegistryTests
{
    [Fact]
    public void DefaultFeatures_AreValid()
    {
        var registry = DefaultFeatures.CreateRegistry();

        Assert.True(registry.Count >= 15);
        Assert.True(registry.SlotCount(FeatureEntity.Session) >= 3);
        Assert.Equal(registry.IdOf("video_views_1h"), registry.FeaturesOf(FeatureEntity.Video)[registry.SlotOf(registry.IdOf("video_views_1h"))]);
    }

    [Fact]
    public void Create_SeveralBadDefinitions_ReportsEveryProblemNamingFeatureAndFix()
    {
        FeatureDefinition[] features =
        [
            new("Bad Name", FeatureEntity.User, FeatureValueType.Whole, FeatureSource.Count(EventKind.View), TimeSpan.FromHours(1), TimeSpan.FromHours(1), 0, "t"),
            new("no_ttl", FeatureEntity.User, FeatureValueType.Whole, FeatureSource.Count(EventKind.View), TimeSpan.FromHours(1), TimeSpan.Zero, 0, "t"),
            new("no_window", FeatureEntity.Video, FeatureValueType.Whole, FeatureSource.Count(EventKind.View), null, TimeSpan.FromHours(1), 0, "t"),
            new("half_default", FeatureEntity.Video, FeatureValueType.Whole, FeatureSource.FromTable("x"), null, TimeSpan.FromHours(1), 0.5, "t"),
            new("no_owner", FeatureEntity.Video, FeatureValueType.Real, FeatureSource.FromTable("x"), null, TimeSpan.FromHours(1), 0, " "),
            new("no_owner", FeatureEntity.Video, FeatureValueType.Real, FeatureSource.FromTable("x"), null, TimeSpan.FromHours(1), 0, "t"),
        ];

        var e = Assert.Throws<FeatureConfigurationException>(() => FeatureRegistry.Create(features, [new ModelInput("ranker", ["ghost"])]));

        Assert.Equal(7, e.Problems.Count);
        Assert.Contains(e.Problems, p => p.Contains("feature 'Bad Name'", StringComparison.Ordinal) && p.Contains("snake_case", StringComparison.Ordinal));
        Assert.Contains(e.Problems, p => p.Contains("feature 'no_ttl'", StringComparison.Ordinal) && p.Contains("ttl", StringComparison.Ordinal));
        Assert.Contains(e.Problems, p => p.Contains("feature 'no_window'", StringComparison.Ordinal) && p.Contains("window_ms", StringComparison.Ordinal));
        Assert.Contains(e.Problems, p => p.Contains("feature 'half_default'", StringComparison.Ordinal) && p.Contains("int64", StringComparison.Ordinal));
        Assert.Contains(e.Problems, p => p.Contains("feature 'no_owner'", StringComparison.Ordinal) && p.Contains("owner", StringComparison.Ordinal));
        Assert.Contains(e.Problems, p => p.Contains("defined twice", StringComparison.Ordinal));
        Assert.Contains(e.Problems, p => p.Contains("'ghost'", StringComparison.Ordinal));
    }

    [Fact]
    public void ConfigFile_RoundTrip_GivesSameDefinitions()
    {
        var registry = DefaultFeatures.CreateRegistry();

        var (region, loaded) = FeatureConfigFile.Parse(FeatureConfigFile.ToJson(registry, "us"), "features.json");

        Assert.Equal("us", region);
        Assert.Equal(registry.Count, loaded.Count);
        for (var i = 0; i < registry.Count; i++)
        {
            Assert.True(registry[i].Source.SameAs(loaded[i].Source));
            Assert.Equal(registry[i] with { Source = loaded[i].Source }, loaded[i]);
        }

        Assert.Equal(registry.ModelInputs[0].Features, loaded.ModelInputs[0].Features);
    }

    [Fact]
    public void ConfigFile_MalformedFeatures_ListsEveryOne()
    {
        const string json = """
            { "format": "whisper-feature-config", "version": 1, "features": [
              { "name": "a", "entity": "planet", "type": "int64", "source": { "kind": "table", "table": "t" }, "ttl_ms": 1000, "default": 0, "owner": "x" },
              { "name": "b", "entity": "user", "type": "int64", "source": { "kind": "events", "aggregation": "count", "events": ["view"] }, "default": 0, "owner": "x" }
            ] }
            """;

        var e = Assert.Throws<FeatureConfigurationException>(() => FeatureConfigFile.Parse(json, "f.json"));

        Assert.Equal(2, e.Problems.Count);
        Assert.Contains(e.Problems, p => p.Contains("feature 'a'", StringComparison.Ordinal) && p.Contains("planet", StringComparison.Ordinal));
        Assert.Contains(e.Problems, p => p.Contains("feature 'b'", StringComparison.Ordinal) && p.Contains("ttl_ms", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("{ \"format\": \"whisper-feature-config\", \"version\": 9, \"features\": [] }", "version 9")]
    [InlineData("{ \"format\": \"whisper-feature-config\", ", "not valid JSON")]
    [InlineData("{ \"format\": \"something\", \"version\": 1 }", "format")]
    public void ConfigFile_UnreadableDocument_ThrowsFormatError(string json, string expected)
    {
        var e = Assert.Throws<FeatureContractFormatException>(() => FeatureConfigFile.Parse(json, "f.json"));

        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }
}
