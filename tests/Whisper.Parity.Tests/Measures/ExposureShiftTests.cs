using Whisper.Parity.Measures;

namespace Whisper.Parity.Tests.Measures;

public sealed class ExposureShiftTests
{
    [Fact]
    public void Kl_TwoCreatorsSwapped_MatchesTheHandComputedValue()
    {
        // Source 3, 1; fork 1, 3; α = 0.5, C = 2: P = (0.7, 0.3), Q = (0.3, 0.7); KL = 0.4 · ln(7/3).
        CreatorReach[] creators = [new(1, 3, 1, 3, 1), new(2, 1, 3, 1, 3)];
        Assert.Equal(0.4 * Math.Log(7.0 / 3), ExposureShift.Kl(creators, 4, 4), 12);
        Assert.Equal(0.0, ExposureShift.Kl([new(1, 2, 2, 2, 2), new(2, 1, 1, 1, 1)], 3, 3), 12);
    }

    [Fact]
    public void Of_TenCreators_OneDecileEach_SharesFollowSourceOrder()
    {
        // Creator c has c source impressions and 11 − c fork impressions: decile 1 holds creator 10.
        var creators = Enumerable.Range(1, 10).Select(c => new CreatorReach(c, c, 11 - c, c, 11 - c)).ToArray();
        var shift = ExposureShift.Of(creators, 0.5, 3);
        Assert.Equal(10.0 / 55, shift.SourceDecileShare[0], 12);
        Assert.Equal(1.0 / 55, shift.ForkDecileShare[0], 12);
        Assert.Equal(1.0 / 55, shift.SourceDecileShare[9], 12);
        Assert.Equal(1.0, shift.SourceDecileShare.Sum(), 12);
        Assert.True(shift.KlDivergence > 0);
    }

    [Fact]
    public void Of_ListsOnlyCreatorsWhoseReachFallsBeyondTheThreshold()
    {
        CreatorReach[] creators =
        [
            new(1, 10, 2, 12, 2),  // −80 %: hurt
            new(2, 10, 6, 10, 6),  // −40 %: not
            new(3, 2, 0, 2, 0),    // −100 % but reached only 2 users: noise
            new(4, 4, 0, 4, 0),    // vanished: hurt, listed first
            new(5, 10, 5, 10, 5),  // exactly −50 %: not beyond
        ];
        var shift = ExposureShift.Of(creators, 0.5, 3);
        Assert.Equal([4L, 1L], shift.Hurt.Select(c => c.CreatorId));
        Assert.Equal(-1.0, shift.Hurt[0].ReachChange, 12);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.5)]
    public void Of_BadThreshold_Throws(double threshold)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ExposureShift.Of([], threshold, 3));
    }
}
