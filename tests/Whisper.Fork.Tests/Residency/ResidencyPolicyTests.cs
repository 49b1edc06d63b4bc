using System.Text.Json.Nodes;

using Whisper.Fork.Manifest;
using Whisper.Fork.Residency;

namespace Whisper.Fork.Tests.Residency;

public sealed class ResidencyPolicyTests
{
    [Fact]
    public void Load_SamplePolicy_ReadsEveryField()
    {
        var policy = ResidencyPolicy.Load(PolicyJson.SamplePath());

        Assert.Equal("us", policy.TargetRegion);
        Assert.Equal(["AS", "GU", "MP", "PR", "US", "VI"], policy.Countries);
        Assert.Equal(ForkMode.PartialDivestiture, policy.Mode);
        Assert.Equal(1.0, policy.WeightOf(ResidencySignal.ResidenceCountry));
        Assert.Equal(0.25, policy.WeightOf(ResidencySignal.SignupIp));
        Assert.Equal(0.5, policy.WeightOf(ResidencySignal.BillingCountry));
        Assert.Equal(5, policy.Signals.Count);
        Assert.Equal(2.75, policy.TotalWeight, 12);
        Assert.Equal(0.7, policy.Threshold);
        Assert.Equal(0.3, policy.NonResidentAtMost, 12);
        Assert.Equal(1.0, policy.MinimumKnownWeight);
        Assert.Equal(ConflictHandling.ReportExclude, policy.Conflicts);
        Assert.Equal(new RelatedData(true, true, true, true, true, true, true), policy.Related);
        Assert.True(policy.IsInRegion("pr"));
        Assert.False(policy.IsInRegion("CA"));
        Assert.EndsWith("us-residency.json", policy.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_OptionalFieldsLeftOut_UseDocumentedDefaults()
    {
        var policy = PolicyJson.With(p =>
        {
            p.Remove("conflicts");
            p["decision"]!.AsObject().Remove("minimumKnownWeight");
            p["signals"] = new JsonObject { ["residenceCountry"] = 1.0 };
            p["mode"] = "full-fork";
        });

        Assert.Equal(ConflictHandling.ReportExclude, policy.Conflicts);
        Assert.Equal(0, policy.MinimumKnownWeight);
        Assert.Equal([ResidencySignal.ResidenceCountry], policy.Signals);
        Assert.Equal(0, policy.WeightOf(ResidencySignal.SignupIp));
        Assert.Equal(ForkMode.FullFork, policy.Mode);
    }

    [Fact]
    public void Parse_MissingField_NamesFileAndField()
    {
        var e = PolicyJson.Reject(p => p.Remove("mode"));

        Assert.Equal($"{PolicyJson.Source}: \"mode\" is missing; use \"partial-divestiture\" or \"full-fork\".", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void Parse_UnknownMode_NamesValueAndChoices()
    {
        var e = PolicyJson.Reject(p => p["mode"] = "half-fork");

        Assert.StartsWith(PolicyJson.Source + ":", e.Message, StringComparison.Ordinal);
        Assert.Contains("\"mode\" is \"half-fork\"", e.Message, StringComparison.Ordinal);
        Assert.Contains("\"partial-divestiture\" or \"full-fork\"", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1.5)]
    [InlineData(0)]
    [InlineData(-0.25)]
    public void Parse_WeightOutOfRange_NamesSignal(double weight)
    {
        var e = PolicyJson.Reject(p => p["signals"]!["signupIp"] = weight);

        Assert.Contains("\"signals.signupIp\" is", e.Message, StringComparison.Ordinal);
        Assert.Contains("use a weight in (0, 1]", e.Message, StringComparison.Ordinal);
        Assert.Single(e.Problems);
    }

    [Fact]
    public void Parse_WeightNotANumber_IsRejected()
    {
        var e = PolicyJson.Reject(p => p["signals"]!["signupIp"] = "high");

        Assert.Contains("\"signals.signupIp\" is \"high\"", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnknownSignalName_ListsKnownNames()
    {
        var e = PolicyJson.Reject(p => p["signals"]!["ipAddress"] = 0.5);

        Assert.Contains("\"signals.ipAddress\" is not a signal", e.Message, StringComparison.Ordinal);
        Assert.Contains("declaredCountry, signupIp, phoneCountry, residenceCountry, billingCountry", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NoSignals_IsRejected()
    {
        var e = PolicyJson.Reject(p => p["signals"] = new JsonObject());

        Assert.Contains("\"signals\" is empty", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_EmptyCountries_IsRejected()
    {
        var e = PolicyJson.Reject(p => p["countries"] = new JsonArray());

        Assert.Contains("\"countries\" is empty", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("USA")]
    [InlineData("U1")]
    [InlineData("ZZ")]
    public void Parse_CountryNotAlpha2_NamesItsIndex(string code)
    {
        var e = PolicyJson.Reject(p => p["countries"] = new JsonArray("US", code));

        Assert.Contains($"\"countries[1]\" is \"{code}\"", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_CountryListedTwice_IsRejected()
    {
        var e = PolicyJson.Reject(p => p["countries"] = new JsonArray("US", "us"));

        Assert.Contains("\"countries[1]\" \"US\" is listed twice", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MalformedJson_GivesLineNumber()
    {
        const string Json = "{\n  \"format\": \"whisper-residency-policy\",\n  \"version\": 1\n  \"targetRegion\": \"us\"\n}";

        var e = Assert.Throws<ResidencyPolicyException>(() => ResidencyPolicy.Parse(Json, "broken.json"));

        Assert.StartsWith("broken.json: not valid JSON at line 4,", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SeveralProblems_ReportsAllOnOneLine()
    {
        var e = PolicyJson.Reject(p =>
        {
            p.Remove("targetRegion");
            p["signals"]!["phoneCountry"] = 2;
            p["conflicts"] = "guess";
        });

        Assert.Equal(3, e.Problems.Count);
        Assert.Contains("\"targetRegion\" is missing", e.Problems[0], StringComparison.Ordinal);
        Assert.Contains("\"signals.phoneCountry\" is 2", e.Problems[1], StringComparison.Ordinal);
        Assert.Contains("\"conflicts\" is \"guess\"", e.Problems[2], StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void Parse_UnknownField_IsRejectedNotIgnored()
    {
        var e = PolicyJson.Reject(p => p["conflict"] = "report-include");

        Assert.Contains("\"conflict\" is not a known field", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1.2, 0.4)]
    [InlineData(0.7, 0.8)]
    [InlineData(0.7, -0.1)]
    public void Parse_DecisionOutOfRange_NamesField(double threshold, double margin)
    {
        var e = PolicyJson.Reject(p => p["decision"] = new JsonObject { ["threshold"] = threshold, ["conflictMargin"] = margin });

        Assert.Contains(threshold is > 0 and <= 1 ? "\"decision.conflictMargin\"" : "\"decision.threshold\"", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MinimumKnownWeightAboveTotal_IsRejected()
    {
        var e = PolicyJson.Reject(p => p["decision"]!["minimumKnownWeight"] = 3.0);

        Assert.Contains("\"decision.minimumKnownWeight\" is 3", e.Message, StringComparison.Ordinal);
        Assert.Contains("(2.75)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_RelatedFlagMissing_IsRejected()
    {
        var e = PolicyJson.Reject(p => p["related"]!.AsObject().Remove("orders"));

        Assert.Contains("\"related.orders\" is missing; say true or false", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_VideosWithoutCreators_IsRejected()
    {
        var e = PolicyJson.Reject(p => p["related"]!["creators"] = false);

        Assert.Equal(3, e.Problems.Count); // videos, live sessions and products all need their creator
        Assert.Contains("\"related.videos\" is true but \"related.creators\" is false", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("format", "other-format", "\"format\" is \"other-format\"")]
    [InlineData("version", 2, "\"version\" is 2; this build reads version 1")]
    [InlineData("targetRegion", "US", "\"targetRegion\" is \"US\"")]
    public void Parse_WrongHeaderOrRegion_IsRejected(string field, object value, string expected)
    {
        var e = PolicyJson.Reject(p => p[field] = JsonValue.Create(value));

        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TopLevelArray_IsRejected()
    {
        var e = Assert.Throws<ResidencyPolicyException>(() => ResidencyPolicy.Parse("[]", "a.json"));

        Assert.StartsWith("a.json: the top level is an array", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingFile_NamesPath()
    {
        var path = Path.Combine(Path.GetTempPath(), $"no-such-policy-{Guid.NewGuid():N}.json");

        var e = Assert.Throws<ResidencyPolicyException>(() => ResidencyPolicy.Load(path));

        Assert.StartsWith(path + ": cannot be read", e.Message, StringComparison.Ordinal);
    }
}
