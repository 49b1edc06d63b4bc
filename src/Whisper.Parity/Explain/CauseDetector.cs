using System.Globalization;

using Whisper.FeatureStore.Contract;

namespace Whisper.Parity.Explain;

/// <summary>
/// Which causes differ between a source and its fork, from their <see cref="RegionState"/>: blocking contract
/// differences; a snapshot further behind its log (or its newest event older), or with fewer rows over the same log;
/// fewer sessions; another model version
/// with snapshots equally current (a stale snapshot has another version too, but that is the embeddings cause, named once);
/// a smaller candidate budget.
/// </summary>
public static class CauseDetector
{
    public static IReadOnlyList<DetectedCause> Detect(RegionState source, RegionState fork, IReadOnlyList<ContractDifference>? contractDiff)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(fork);
        var found = new List<DetectedCause>();
        var blocking = contractDiff?.Where(d => d.Severity == DifferenceSeverity.Blocking).ToArray() ?? [];
        if (blocking.Length > 0)
        {
            var ttl = blocking.Count(d => d.Kind == DifferenceKind.TtlDiffers);
            found.Add(new DetectedCause(ParityCause.FeatureTtl, $"{blocking.Length} blocking contract differences ({ttl} ttl_differs), e.g. {blocking[0].Subject}: {blocking[0].A} vs {blocking[0].B}."));
        }

        // Logs of two regions differ (a fork holds a share of the source's), so staleness is each snapshot's lag behind
        // its own log, or its newest trained event; row counts compare only when both regions hold the same log.
        var behind = fork.SnapshotLag > source.SnapshotLag || (fork.SnapshotThrough is { } f && source.SnapshotThrough is { } s && f < s);
        var fewerRows = fork.LogHead == source.LogHead && fork.EmbeddingRows < source.EmbeddingRows;
        if (behind || fewerRows)
        {
            var age = fork.SnapshotThrough is { } ft && source.SnapshotThrough is { } st ? $", newest trained event {(st - ft).TotalHours.ToString("0.#", CultureInfo.InvariantCulture)} h behind" : "";
            found.Add(new DetectedCause(ParityCause.Embeddings, $"fork snapshot {N(fork.SnapshotLag)} events behind its log vs {N(source.SnapshotLag)}{age}; {N(fork.EmbeddingRows)} embedding rows vs {N(source.EmbeddingRows)}."));
        }
        else if (!string.Equals(fork.ModelVersion, source.ModelVersion, StringComparison.Ordinal))
        {
            found.Add(new DetectedCause(ParityCause.ModelVersion, $"model {fork.ModelVersion} vs {source.ModelVersion} with snapshots equally current."));
        }

        if (source.Sessions is { } ss && (fork.Sessions ?? 0) < ss)
        {
            found.Add(new DetectedCause(ParityCause.SessionState, $"{N(fork.Sessions ?? 0)} in-flight sessions vs {N(ss)}."));
        }

        if (fork.CandidateBudget < source.CandidateBudget)
        {
            found.Add(new DetectedCause(ParityCause.CandidateBudget, $"candidate budget {Budget(fork.CandidateBudget)} vs {Budget(source.CandidateBudget)}."));
        }

        return found;
    }

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Budget(int budget) => budget == int.MaxValue ? "all" : N(budget);
}
