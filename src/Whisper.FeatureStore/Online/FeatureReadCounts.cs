namespace Whisper.FeatureStore.Online;

/// <summary>Reads by outcome since a store was created. Expired reads are the TTL contract at work.</summary>
public readonly record struct FeatureReadCounts(long Fresh, long Missing, long Expired)
{
    public long Total => Fresh + Missing + Expired;
}

/// <summary>Thread-safe counters behind <see cref="FeatureReadCounts"/>; a batch read adds once per outcome, not per value.</summary>
internal sealed class FeatureReadCounters
{
    private long _fresh;
    private long _missing;
    private long _expired;

    public FeatureReadCounts Snapshot => new(Volatile.Read(ref _fresh), Volatile.Read(ref _missing), Volatile.Read(ref _expired));

    public void Add(FeatureReadStatus status)
    {
        switch (status)
        {
            case FeatureReadStatus.Fresh:
                Interlocked.Increment(ref _fresh);
                break;
            case FeatureReadStatus.Missing:
                Interlocked.Increment(ref _missing);
                break;
            default:
                Interlocked.Increment(ref _expired);
                break;
        }
    }

    public void Add(int fresh, int missing, int expired)
    {
        if (fresh > 0)
        {
            Interlocked.Add(ref _fresh, fresh);
        }

        if (missing > 0)
        {
            Interlocked.Add(ref _missing, missing);
        }

        if (expired > 0)
        {
            Interlocked.Add(ref _expired, expired);
        }
    }
}
