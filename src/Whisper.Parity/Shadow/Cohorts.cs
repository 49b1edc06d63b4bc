using Whisper.Recommendation.Catalog;

namespace Whisper.Parity.Shadow;

/// <summary>
/// Cohorts the measures are aggregated by. A cohort is a set of users who would move together: their residency region
/// (what a phased cutover moves) when the catalog knows it, or a stable bucket of the user id when it does not.
/// </summary>
public static class Cohorts
{
    /// <summary>"bucket-k" with k = user id mod <paramref name="buckets"/> (stable across runs and regions).</summary>
    public static Func<long, string> ByUserBucket(int buckets)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(buckets);
        var names = Enumerable.Range(0, buckets).Select(b => $"bucket-{b}").ToArray();
        return user => names[(int)((ulong)user % (ulong)buckets)];
    }

    /// <summary>"region-xx" from the user's residency region in <paramref name="catalog"/>.</summary>
    public static Func<long, string> ByRegion(CatalogView catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return user => "region-" + catalog.RegionOfUser(user);
    }
}
