namespace Whisper.Recommendation.ResponseLog;

/// <summary>Where and how much of the served traffic <see cref="ServedResponseLog"/> records.</summary>
public sealed record ServedResponseLogOptions
{
    /// <summary>JSON-lines file, appended to (created when absent).</summary>
    public required string Path { get; init; }

    /// <summary>
    /// Share of users whose pages are logged, 0..1 (1: all). Sampling is per user (a keyed hash of the user id), so a
    /// sampled user's pages are all logged and an auditor sees whole sessions.
    /// </summary>
    public double SampleRate { get; init; } = 1.0;

    /// <summary>Pages queued for the writer before new ones are dropped (and counted) rather than slow the request.</summary>
    public int Capacity { get; init; } = 8192;

    /// <summary>Sampling key: change it to sample another set of users.</summary>
    public ulong SampleSalt { get; init; }

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Path))
        {
            problems.Add("Path is empty; name the JSON-lines file to write.");
        }

        if (!double.IsFinite(SampleRate) || SampleRate is <= 0 or > 1)
        {
            problems.Add($"SampleRate is {SampleRate}; use a share in (0, 1] (e.g. 0.05 for 5% of users).");
        }

        if (Capacity is < 1 or > 1_000_000)
        {
            problems.Add($"Capacity is {Capacity}; use 1..1,000,000 queued pages (e.g. 8192).");
        }

        return problems;
    }
}
