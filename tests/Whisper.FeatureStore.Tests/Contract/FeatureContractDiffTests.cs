using Microsoft.Extensions.Time.Testing;

using Whisper.Core.Domain;
using Whisper.FeatureStore.Contract;
using Whisper.FeatureStore.Definitions;

namespace Whisper.FeatureStore.Tests.Contract;

public sealed class FeatureContractDiffTests
{
    private static readonly FakeTimeProvider Time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    private static FeatureContract Source() => FeatureContract.FromRegistry("us", DefaultFeatures.CreateRegistry(), Time);

    private static FeatureContract With(Func<FeatureDefinition, FeatureDefinition> change, string feature, string region = "us")
    {
        var source = Source();
        return source with { Region = region, Features = [.. source.Features.Select(f => f.Name == feature ? change(f) : f)] };
    }

    private static ContractDifference Single(FeatureContract b)
    {
        var differences = FeatureContractDiff.Compare(Source(), b);
        return Assert.Single(differences);
    }

    [Fact]
    public void Compare_SameContract_NoDifferences()
    {
        Assert.Empty(FeatureContractDiff.Compare(Source(), Source()));
    }

    [Fact]
    public void Compare_TtlDiffers_Blocking()
    {
        var d = Single(With(f => f with { Ttl = TimeSpan.FromHours(2) }, "user_watch_time_1h"));

        Assert.Equal((DifferenceSeverity.Blocking, DifferenceKind.TtlDiffers, "user_watch_time_1h"), (d.Severity, d.Kind, d.Subject));
        Assert.Equal(("3600000 ms", "7200000 ms"), (d.A, d.B));
    }

    [Theory]
    [InlineData(DifferenceKind.DefaultDiffers)]
    [InlineData(DifferenceKind.TypeDiffers)]
    [InlineData(DifferenceKind.WindowDiffers)]
    [InlineData(DifferenceKind.EntityDiffers)]
    [InlineData(DifferenceKind.SourceDiffers)]
    public void Compare_ValueShapingFieldDiffers_Blocking(DifferenceKind kind)
    {
        Func<FeatureDefinition, FeatureDefinition> change = kind switch
        {
            DifferenceKind.DefaultDiffers => f => f with { Default = 1 },
            DifferenceKind.TypeDiffers => f => f with { Type = FeatureValueType.Real },
            DifferenceKind.WindowDiffers => f => f with { Window = TimeSpan.FromHours(2) },
            DifferenceKind.EntityDiffers => f => f with { Entity = FeatureEntity.Creator },
            _ => f => f with { Source = FeatureSource.Count(EventKind.View, EventKind.Impression) },
        };

        var d = Single(With(change, "video_views_1h"));

        Assert.Equal((DifferenceSeverity.Blocking, kind), (d.Severity, d.Kind));
    }

    [Fact]
    public void Compare_OwnerDiffers_Info()
    {
        var d = Single(With(f => f with { Owner = "someone-else" }, "video_views_1h"));

        Assert.Equal((DifferenceSeverity.Info, DifferenceKind.OwnerDiffers), (d.Severity, d.Kind));
    }

    [Fact]
    public void Compare_MissingFeatureAModelReads_Blocking()
    {
        var b = Source() with { Features = [.. Source().Features.Where(f => f.Name != "session_live_room")] };

        var d = Single(b);

        Assert.Equal((DifferenceSeverity.Blocking, DifferenceKind.MissingFeature, "session_live_room", FeatureContractDiff.Absent), (d.Severity, d.Kind, d.Subject, d.B));
    }

    [Fact]
    public void Compare_MissingFeatureNoModelReads_Warning()
    {
        var b = Source() with { Features = [.. Source().Features.Where(f => f.Name != "user_last_video")] };

        var d = Single(b);

        Assert.Equal((DifferenceSeverity.Warning, DifferenceKind.MissingFeature), (d.Severity, d.Kind));
    }

    [Fact]
    public void Compare_ModelInputsReordered_Blocking()
    {
        var inputs = Source().ModelInputs[0].Features.Reverse().ToArray();
        var b = Source() with { ModelInputs = [new ModelInput(DefaultFeatures.RankerModel, inputs)] };

        var d = Single(b);

        Assert.Equal((DifferenceSeverity.Blocking, DifferenceKind.ModelInputsDiffer), (d.Severity, d.Kind));
    }

    [Fact]
    public void Compare_ForkRegionName_InfoOnlyAndNotBlocking()
    {
        var differences = FeatureContractDiff.Compare(Source(), Source() with { Region = "us-fork" });

        var d = Assert.Single(differences);
        Assert.Equal(DifferenceKind.RegionDiffers, d.Kind);
        Assert.False(FeatureContractDiff.HasBlocking(differences));
    }

    [Fact]
    public void Compare_SeveralChanges_ListsEvery()
    {
        var b = With(f => f with { Ttl = TimeSpan.FromMinutes(1), Default = 5, Owner = "x" }, "video_likes_1h", "eu");

        var kinds = FeatureContractDiff.Compare(Source(), b).Select(d => d.Kind).ToArray();

        Assert.Equal([DifferenceKind.TtlDiffers, DifferenceKind.DefaultDiffers, DifferenceKind.OwnerDiffers, DifferenceKind.RegionDiffers], kinds);
    }

    [Fact]
    public void ContractFile_RoundTrip_NoDifferences()
    {
        var contract = Source();

        var read = FeatureContractFile.Parse(FeatureContractFile.ToJson(contract), "a.json");

        Assert.Empty(FeatureContractDiff.Compare(contract, read));
        Assert.Equal(contract.GeneratedAt, read.GeneratedAt);
    }

    [Fact]
    public void ContractFile_UnknownVersion_Refused()
    {
        var json = FeatureContractFile.ToJson(Source()).Replace("\"version\": 1", "\"version\": 2", StringComparison.Ordinal);

        var e = Assert.Throws<FeatureContractFormatException>(() => FeatureContractFile.Parse(json, "a.json"));

        Assert.Contains("version 2 is not supported", e.Message, StringComparison.Ordinal);
    }
}
