using Whisper.Cutover.Cohorts;

namespace Whisper.Cutover.Tests.Cohorts;

public class CohortAssignmentTests
{
    private static readonly CutoverPlan Plan = CutoverPlanReader.Parse(TestPlans.Json(staff: "[1, 2]", creators: "[3]"));

    [Fact]
    public void Of_SameUser_SameBucketEverywhereAndInRange()
    {
        for (long user = 1; user < 5000; user++)
        {
            var bucket = CohortBucket.Of("us-2026", user);
            Assert.InRange(bucket, 0, CohortBucket.Count - 1);
            Assert.Equal(bucket, CohortBucket.Of("us-2026", user));
        }
    }

    [Fact]
    public void Of_KnownUser_MatchesTheUnleashStyleHashOfGroupColonUser() =>
        Assert.Equal((int)(Murmur3.Hash32("us-2026:42"u8) % 10_000), CohortBucket.Of("us-2026", 42));

    [Fact]
    public void Of_DifferentGroups_MoveIndependentSlices()
    {
        var same = 0;
        for (long user = 1; user <= 10_000; user++)
        {
            same += CohortBucket.Of("a", user) < 2500 == CohortBucket.Of("b", user) < 2500 ? 1 : 0;
        }

        // Independent 25 % slices agree for 0.25² + 0.75² = 62.5 % of users.
        Assert.InRange(same, 5_900, 6_600);
    }

    [Fact]
    public void Of_ManyUsers_RoughlyUniformAcrossDeciles()
    {
        var deciles = new int[10];
        const int users = 200_000;
        for (long user = 1; user <= users; user++)
        {
            deciles[CohortBucket.Of("us-2026", user) / 1000]++;
        }

        // Expected 20,000 each; binomial sd ≈ 134, so ±1,000 is over 7 sd and still catches a skewed hash.
        Assert.All(deciles, count => Assert.InRange(count, 19_000, 21_000));
    }

    [Fact]
    public void IsMoved_RaisingThePercentage_NeverDropsAUser()
    {
        var movedBefore = new HashSet<long>();
        for (var applied = 0; applied <= Plan.Steps.Count; applied++)
        {
            var assignment = new CohortAssignment(Plan, applied);
            var moved = Enumerable.Range(1, 20_000).Select(i => (long)i).Where(assignment.IsMoved).ToHashSet();

            Assert.Subset(moved, movedBefore);
            movedBefore = moved;
        }

        Assert.Equal(20_000, movedBefore.Count); // the last step moves everyone
    }

    [Fact]
    public void IsMoved_TwoIndependentAssigners_AgreeForEveryUser()
    {
        var a = new CohortAssignment(CutoverPlanReader.Parse(TestPlans.Json(staff: "[1, 2]", creators: "[3]")), 4);
        var b = new CohortAssignment(CutoverPlanReader.Parse(TestPlans.Json(staff: "[1, 2]", creators: "[3]")), 4);

        for (long user = 1; user <= 20_000; user++)
        {
            Assert.Equal(a.IsMoved(user), b.IsMoved(user));
        }
    }

    [Fact]
    public void IsMoved_QuarterStep_MovesAboutAQuarter()
    {
        var assignment = new CohortAssignment(Plan, 3); // staff, creators, everyone 25 %

        var moved = Enumerable.Range(100, 40_000).Count(u => assignment.IsMoved(u));

        Assert.Equal(2500, assignment.Buckets);
        Assert.InRange(moved, 9_500, 10_500);
    }

    [Fact]
    public void IsMoved_OverrideLists_MoveInOrderRegardlessOfBucket()
    {
        // Users 1 and 2 are staff, 3 a creator; the first two steps move no share of everyone, so buckets do not matter.
        Assert.False(new CohortAssignment(Plan, 0).IsMoved(1));
        Assert.True(new CohortAssignment(Plan, 1).IsMoved(1));
        Assert.True(new CohortAssignment(Plan, 1).IsMoved(2));
        Assert.False(new CohortAssignment(Plan, 1).IsMoved(3));
        Assert.True(new CohortAssignment(Plan, 2).IsMoved(3));
        Assert.False(new CohortAssignment(Plan, 2).IsMoved(4));
    }
}
