using System.Threading.Channels;

using Whisper.Parity.Measures;

namespace Whisper.Parity.Shadow;

/// <summary>
/// Sends every request to both regions (concurrently, at most <see cref="ShadowOptions.Concurrency"/> requests in
/// flight), keeps both answers — nothing is shown to a user — and measures each pair against its held-out positives.
/// Records come back in request order; <paramref name="onRecord"/> streams them as they complete (e.g. to JSON lines).
/// </summary>
public sealed class ShadowRunner(IFeedRegion source, IFeedRegion fork, ShadowOptions? options = null)
{
    private readonly IFeedRegion _source = source ?? throw new ArgumentNullException(nameof(source));
    private readonly IFeedRegion _fork = fork ?? throw new ArgumentNullException(nameof(fork));
    private readonly ShadowOptions _options = Checked(options ?? new ShadowOptions());

    public IFeedRegion Source => _source;

    public IFeedRegion Fork => _fork;

    /// <summary>Replays a plan: every request, judged by the plan's held-out engagement.</summary>
    public async Task<IReadOnlyList<ShadowRecord>> RunAsync(ReplayPlan plan, Action<ShadowRecord>? onRecord = null, IProgress<ShadowProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var records = new ShadowRecord[plan.Requests.Count];
        long done = 0;
        var gate = new Lock();
        await Parallel.ForEachAsync(
            Enumerable.Range(0, records.Length),
            new ParallelOptions { MaxDegreeOfParallelism = _options.Concurrency, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                var request = plan.Requests[i];
                var record = await CompareAsync(request, plan.HeldOut.PositivesAfter(request.UserId, request.At), ct).ConfigureAwait(false);
                records[i] = record;
                lock (gate)
                {
                    onRecord?.Invoke(record);
                    progress?.Report(new ShadowProgress(++done, records.Length));
                }
            }).ConfigureAwait(false);
        return records;
    }

    /// <summary>
    /// Live mirror: compares each request the source's traffic copied into <paramref name="mirror"/> until the channel
    /// completes. Positives are not known yet at request time, so <paramref name="heldOut"/> (filled later, e.g. from
    /// the log) judges them when given; without it the relevance measures are 0 and only overlap, exposure and latency count.
    /// </summary>
    public async Task<IReadOnlyList<ShadowRecord>> RunAsync(ChannelReader<ShadowRequest> mirror, HeldOutEngagement? heldOut = null, Action<ShadowRecord>? onRecord = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mirror);
        var records = new List<ShadowRecord>();
        var gate = new Lock();
        await Parallel.ForEachAsync(
            mirror.ReadAllAsync(cancellationToken),
            new ParallelOptions { MaxDegreeOfParallelism = _options.Concurrency, CancellationToken = cancellationToken },
            async (request, ct) =>
            {
                var record = await CompareAsync(request, heldOut?.PositivesAfter(request.UserId, request.At) ?? [], ct).ConfigureAwait(false);
                lock (gate)
                {
                    records.Add(record);
                    onRecord?.Invoke(record);
                }
            }).ConfigureAwait(false);
        records.Sort((a, b) => a.Request.Sequence.CompareTo(b.Request.Sequence));
        return records;
    }

    /// <summary>One request to both regions at once; a region that throws is recorded as an error, never rethrown.</summary>
    public async Task<ShadowRecord> CompareAsync(ShadowRequest request, long[] positives, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(positives);
        var sourceTask = AskAsync(_source, request, cancellationToken);
        var forkTask = AskAsync(_fork, request, cancellationToken);
        var (s, f) = (await sourceTask.ConfigureAwait(false), await forkTask.ConfigureAwait(false));
        return new ShadowRecord(request, _options.CohortOf(request.UserId), s, f, positives, RequestMeasures.Of(s.Items, f.Items, positives));
    }

    private static async Task<RegionAnswer> AskAsync(IFeedRegion region, ShadowRequest request, CancellationToken ct)
    {
        try
        {
            return await region.GetFeedAsync(request, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            return RegionAnswer.Failed($"{e.GetType().Name}: {e.Message}", 0);
        }
    }

    private static ShadowOptions Checked(ShadowOptions options)
    {
        if (options.Concurrency < 1)
        {
            throw new ArgumentException($"shadow concurrency is {options.Concurrency}; use at least 1.", nameof(options));
        }

        ArgumentNullException.ThrowIfNull(options.CohortOf);
        return options;
    }
}
