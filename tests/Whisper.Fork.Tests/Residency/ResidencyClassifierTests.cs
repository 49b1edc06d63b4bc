using System.Net;
using System.Text.Json.Nodes;

using Whisper.Fork.Residency;
using Whisper.World.Generation;

namespace Whisper.Fork.Tests.Residency;

public sealed class ResidencyClassifierTests
{
    private static readonly ResidencyClassifier Classifier = new(PolicyJson.Parse(PolicyJson.Base()), SyntheticIpCountryLookup.Instance);

    [Fact]
    public void Classify_AllSignalsInRegion_IsResident()
    {
        var decision = Classifier.Classify(Users.Us(1), ["US"]);

        Assert.Equal(ResidencyVerdict.Resident, decision.Verdict);
        Assert.True(decision.Travels);
        Assert.Equal(1.0, decision.InRegionShare);
        Assert.Equal(2.75, decision.KnownWeight, 12);
        Assert.All(decision.Evidence, e => Assert.True(e.InRegion));
        Assert.Equal(
            ["declaredCountry=US (in)", "signupIp=US (in)", "phoneCountry=US (in)", "residenceCountry=US (in)", "billingCountry=US (in)"],
            decision.Evidence.Select(e => e.ToString()));
        Assert.StartsWith("resident: 100% of known weight 2.75 is in region us", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Classify_TerritoryCountsAsRegion_IsResident()
    {
        var decision = Classifier.Classify(Users.Make(1, "PR", Users.UsIp, "PR", "PR"));

        Assert.Equal(ResidencyVerdict.Resident, decision.Verdict);
    }

    [Fact]
    public void Classify_AllSignalsForeign_IsNonResident()
    {
        var decision = Classifier.Classify(Users.German(1), ["DE"]);

        Assert.Equal(ResidencyVerdict.NonResident, decision.Verdict);
        Assert.False(decision.Travels);
        Assert.Equal(0, decision.InRegionShare);
        Assert.StartsWith("non-resident: 0% of known weight 2.75", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Classify_ForeignUserOnUsVpn_IsNonResident()
    {
        var decision = Classifier.Classify(Users.Make(1, "DE", Users.UsIp, "DE", "DE"));

        Assert.Equal(ResidencyVerdict.NonResident, decision.Verdict); // 0.25 of 2.25 = 11%
    }

    [Fact]
    public void Classify_SignalsSplit_IsConflictWithEvidence()
    {
        var decision = Classifier.Classify(Users.Split(7));

        Assert.Equal(ResidencyVerdict.Conflict, decision.Verdict);
        Assert.False(decision.Travels); // report-exclude: reported, not moved
        Assert.Equal(7, decision.UserId);
        Assert.Equal(1.5 / 2.25, decision.InRegionShare, 12);
        Assert.Contains(decision.Evidence, e => e is { Signal: ResidencySignal.PhoneCountry, Country: "MX", InRegion: false });
        Assert.Contains(decision.Evidence, e => e is { Signal: ResidencySignal.SignupIp, Country: "MX", InRegion: false });
        Assert.Contains(decision.Evidence, e => e is { Signal: ResidencySignal.ResidenceCountry, Country: "US", InRegion: true });
        Assert.StartsWith("conflict: 66.7% of known weight 2.25 is in region us, between 30% and threshold 70%; signals disagree:", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Classify_ConflictUnderReportInclude_TravelsButStaysAConflict()
    {
        var classifier = new ResidencyClassifier(PolicyJson.With(p => p["conflicts"] = "report-include"), SyntheticIpCountryLookup.Instance);

        var decision = classifier.Classify(Users.Split(7));

        Assert.Equal(ResidencyVerdict.Conflict, decision.Verdict);
        Assert.True(decision.Travels);
    }

    [Fact]
    public void Classify_BillingCountries_VoteInProportion()
    {
        // Split user: 1.5 of 2.25 without orders (conflict). Three US orders and one MX order add 0.375 of 0.5: 1.875 / 2.75 = 68%.
        var mixed = Classifier.Classify(Users.Split(1), ["US", "MX", "US", "US"]);
        var allUs = Classifier.Classify(Users.Split(1), ["US", "US"]);

        Assert.Equal(ResidencyVerdict.Conflict, mixed.Verdict);
        Assert.Equal(1.875 / 2.75, mixed.InRegionShare, 12);
        Assert.Equal(
            [("US", 0.375), ("MX", 0.125)],
            mixed.Evidence.Where(e => e.Signal == ResidencySignal.BillingCountry).Select(e => (e.Country, e.Weight)));
        Assert.Equal(ResidencyVerdict.Resident, allUs.Verdict); // 2.0 / 2.75 = 73%
    }

    [Fact]
    public void Classify_NoOrders_BillingIsUnknownNotForeign()
    {
        var decision = Classifier.Classify(Users.Us(1));

        var billing = Assert.Single(decision.Evidence, e => e.Signal == ResidencySignal.BillingCountry);
        Assert.Equal(new SignalEvidence(ResidencySignal.BillingCountry, "unknown", false, 0), billing);
        Assert.Equal(2.25, decision.KnownWeight, 12);
    }

    [Theory]
    [InlineData("not-an-ip")]
    [InlineData("")]
    [InlineData("23.32.1")] // shorthand: IPAddress.TryParse reads it as 23.32.0.1, a US address here
    [InlineData("023.032.1.1")] // leading zeros: octal to some parsers
    [InlineData("23.32.1.256")]
    [InlineData("2001:db8:::1")]
    [InlineData("10.0.0.1")] // private: no country in the database
    public void Classify_BadOrUnknownIp_DoesNotVote(string ip)
    {
        // The stub knows every address a lenient parser would make of these texts (23.32.0.1, 23.32.1.1, 19.26.1.1), so a
        // vote can only be missing because the text was refused, or (10.0.0.1) because the database has no country for it.
        var geo = new FakeGeo(("23.32.0.1", "US"), ("23.32.1.1", "US"), ("19.26.1.1", "US"));
        var classifier = new ResidencyClassifier(PolicyJson.Parse(PolicyJson.Base()), geo);

        var decision = classifier.Classify(Users.Make(1, "DE", ip, "DE", "DE"));

        var vote = Assert.Single(decision.Evidence, e => e.Signal == ResidencySignal.SignupIp);
        Assert.Equal(new SignalEvidence(ResidencySignal.SignupIp, "unknown", false, 0), vote);
        Assert.Equal(2.0, decision.KnownWeight, 12);
        Assert.Equal(0, decision.InRegionShare);
    }

    [Fact]
    public void Classify_KnownWeightBelowMinimum_IsConflict()
    {
        var policy = PolicyJson.With(p => p["signals"] = new JsonObject { ["signupIp"] = 1.0, ["residenceCountry"] = 0.5 });
        var classifier = new ResidencyClassifier(policy, SyntheticIpCountryLookup.Instance);

        var decision = classifier.Classify(Users.Make(1, "US", "garbage", "US", "US"));

        Assert.Equal(ResidencyVerdict.Conflict, decision.Verdict); // 0.5 known < minimumKnownWeight 1.0: too thin to decide
        Assert.StartsWith("conflict: only 0.5 of signal weight is known, the policy needs 1 to decide", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Classify_NothingKnown_IsConflictNeverResident()
    {
        var policy = PolicyJson.With(p => p["decision"]!.AsObject().Remove("minimumKnownWeight"));
        var classifier = new ResidencyClassifier(policy, SyntheticIpCountryLookup.Instance);

        var decision = classifier.Classify(Users.Make(1, "", "", "??", "XX"));

        Assert.Equal(ResidencyVerdict.Conflict, decision.Verdict);
        Assert.False(decision.Travels);
        Assert.All(decision.Evidence, e => Assert.Equal("unknown", e.Country));
        Assert.StartsWith("conflict: no signal is known", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Classify_Ipv6Address_IsLookedUp()
    {
        var geo = new FakeGeo(("2001:db8::1", "US"));
        var classifier = new ResidencyClassifier(PolicyJson.Parse(PolicyJson.Base()), geo);

        var decision = classifier.Classify(Users.Make(1, "US", "2001:DB8:0:0::1", "US", "US"));

        Assert.Contains(decision.Evidence, e => e is { Signal: ResidencySignal.SignupIp, Country: "US", InRegion: true, Weight: 0.25 });
    }

    [Fact]
    public void Classify_Ipv4MappedIpv6_IsLookedUpAsIpv4()
    {
        var geo = new FakeGeo(("23.32.9.9", "US")); // a database with IPv4 ranges only
        var classifier = new ResidencyClassifier(PolicyJson.Parse(PolicyJson.Base()), geo);

        var decision = classifier.Classify(Users.Make(1, "DE", "::ffff:23.32.9.9", "DE", "DE"));

        Assert.Equal([IPAddress.Parse("23.32.9.9")], geo.Asked);
        Assert.Contains(decision.Evidence, e => e is { Signal: ResidencySignal.SignupIp, Country: "US", InRegion: true });
    }

    [Fact]
    public void Classify_UnusedSignal_IsNotConsultedOrListed()
    {
        var geo = new FakeGeo();
        var policy = PolicyJson.With(p => p["signals"]!.AsObject().Remove("signupIp"));
        var classifier = new ResidencyClassifier(policy, geo);

        var decision = classifier.Classify(Users.Us(1));

        Assert.Empty(geo.Asked);
        Assert.DoesNotContain(decision.Evidence, e => e.Signal == ResidencySignal.SignupIp);
    }

    // Boundaries. Weights declared 0.05 + phone 0.25 in region, residence 0.1 out: 0.3 / 0.4 computes as 0.7499999999999999.
    private static readonly Whisper.Core.Domain.User AtThreeQuarters = Users.Make(1, "US", "", "US", "FR");

    [Fact]
    public void Classify_ShareExactlyAtThreshold_IsResident()
    {
        var decision = Boundary(threshold: 0.75, margin: 0.25).Classify(AtThreeQuarters);

        Assert.Equal(ResidencyVerdict.Resident, decision.Verdict);
    }

    [Fact]
    public void Classify_ShareJustBelowThreshold_IsConflict()
    {
        var decision = Boundary(threshold: 0.76, margin: 0.25).Classify(AtThreeQuarters);

        Assert.Equal(ResidencyVerdict.Conflict, decision.Verdict);
    }

    [Fact]
    public void Classify_ShareExactlyAtNonResidentBound_IsNonResident()
    {
        var decision = Boundary(threshold: 1.0, margin: 0.25).Classify(AtThreeQuarters); // bound 0.75

        Assert.Equal(ResidencyVerdict.NonResident, decision.Verdict);
    }

    [Fact]
    public void Classify_ShareJustAboveNonResidentBound_IsConflict()
    {
        var decision = Boundary(threshold: 1.0, margin: 0.26).Classify(AtThreeQuarters); // bound 0.74

        Assert.Equal(ResidencyVerdict.Conflict, decision.Verdict);
    }

    [Fact]
    public void Classify_ZeroMargin_NeverConflictsOnShare()
    {
        var decision = Boundary(threshold: 0.76, margin: 0).Classify(AtThreeQuarters);

        Assert.Equal(ResidencyVerdict.NonResident, decision.Verdict);
    }

    private static ResidencyClassifier Boundary(double threshold, double margin) => new(
        PolicyJson.With(p =>
        {
            p["signals"] = new JsonObject { ["declaredCountry"] = 0.05, ["phoneCountry"] = 0.25, ["residenceCountry"] = 0.1 };
            p["decision"] = new JsonObject { ["threshold"] = threshold, ["conflictMargin"] = margin };
        }),
        SyntheticIpCountryLookup.Instance);
}
