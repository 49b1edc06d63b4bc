using Whisper.Cutover.Cohorts;

namespace Whisper.Cutover.Tests.Cohorts;

public class CutoverPlanReaderTests
{
    [Fact]
    public void Parse_ValidPlan_ReadsEveryField()
    {
        var plan = CutoverPlanReader.Parse(TestPlans.Json(staff: "[7, 8]", creators: "[9]"));

        Assert.Equal("us-2026", plan.GroupId);
        Assert.Equal("us", plan.Region);
        Assert.True(plan.Countries.SetEquals(["US", "PR"]));
        Assert.Equal("America/New_York", plan.TimeZone.Id);
        Assert.Equal(new DateTime(2026, 1, 31, 9, 0, 0), plan.LaunchLocal);
        Assert.True(plan.Staff.SetEquals([7L, 8L]));
        Assert.True(plan.Creators.SetEquals([9L]));
        Assert.Equal("https://us.whisper.example/app", plan.NewAppUrl.AbsoluteUri);
    }

    [Fact]
    public void Parse_ManyProblems_ReportsAllAtOnce()
    {
        var json = TestPlans.Json(launch: "31/01/2026", timeZone: "Mars/Olympus", group: "bad group!", staff: "[-1]")
            .Replace("\"PR\"", "\"pr\"", StringComparison.Ordinal);

        var e = Assert.Throws<CutoverPlanException>(() => CutoverPlanReader.Parse(json));

        Assert.Contains(e.Problems, p => p.StartsWith("\"group_id\"", StringComparison.Ordinal));
        Assert.Contains(e.Problems, p => p.StartsWith("\"countries\"", StringComparison.Ordinal));
        Assert.Contains(e.Problems, p => p.StartsWith("\"time_zone\"", StringComparison.Ordinal));
        Assert.Contains(e.Problems, p => p.StartsWith("\"launch\"", StringComparison.Ordinal));
        Assert.Contains(e.Problems, p => p.StartsWith("\"staff\"", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""[{"moves":"everyone","percent":50},{"moves":"everyone","percent":25}]""", "must be above the previous step")]
    [InlineData("""[{"moves":"creators"},{"moves":"staff"}]""", "moves staff after creators")]
    [InlineData("""[{"moves":"staff"},{"moves":"staff"}]""", "each list once")]
    [InlineData("""[{"moves":"everyone","percent":101}]""", "at most 100")]
    [InlineData("""[{"moves":"everyone","percent":0.001}]""", "steps of 0.01")]
    [InlineData("""[{"moves":"everyone","percent":10,"after_months":2},{"moves":"everyone","percent":20,"after_months":1}]""", "due before the step before it")]
    [InlineData("""[{"moves":"everybody","percent":10}]""", "must be \"staff\", \"creators\" or \"everyone\"")]
    [InlineData("[]", "non-empty array")]
    public void Parse_BadSteps_Refused(string steps, string problem)
    {
        var e = Assert.Throws<CutoverPlanException>(() => CutoverPlanReader.Parse(TestPlans.Json(steps: steps)));

        Assert.Contains(e.Problems, p => p.Contains(problem, StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_SunsetBeforeTheLastStep_Refused()
    {
        var e = Assert.Throws<CutoverPlanException>(() => CutoverPlanReader.Parse(TestPlans.Json(sunset: "2026-03-01T00:00")));

        Assert.Contains(e.Problems, p => p.StartsWith("\"sunset\"", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_UnknownVersion_Refused()
    {
        var e = Assert.Throws<CutoverPlanException>(() => CutoverPlanReader.Parse(TestPlans.Json().Replace("\"version\": 1", "\"version\": 2", StringComparison.Ordinal)));

        Assert.Contains("this build reads version 1", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MonthlyPercent_SetsTheDefaultSteps()
    {
        var plan = CutoverPlanReader.Parse(TestPlans.Json().Replace("\"staff\"", "\"monthly_percent\": 40, \"staff\"", StringComparison.Ordinal));

        Assert.Equal([0, 0, 4000, 8000, 10000], plan.Steps.Select(s => s.Buckets));
    }

    [Fact]
    public void Parse_NotJson_SaysWhere()
    {
        var e = Assert.Throws<CutoverPlanException>(() => CutoverPlanReader.Parse("{\n  \"format\": ", "p.json"));

        Assert.StartsWith("p.json: not valid JSON", e.Message, StringComparison.Ordinal);
    }
}
