using Whisper.Recommendation.Attestation;
using Whisper.Recommendation.Ranking;

namespace Whisper.Recommendation.ResponseLog;

/// <summary>
/// <c>whisper integrity responses</c>: checks logged responses against the verified registry. A response passes when its
/// model version is an approved version, its model hash (when logged) is approved for that version, and its ranker is
/// the model-score ranker (a pure function of the approved model) or an approved version.
/// </summary>
public static class ResponseVersionAudit
{
    private const int ExamplesPerFinding = 5;

    /// <summary><see cref="ModelScoreRanker.Version"/>: ranks by the approved model's own score, so it needs no approval of its own.</summary>
    private const string ModelScoreRankerVersion = "model-score";

    /// <param name="responses">The log, in order.</param>
    /// <param name="approved">The verified registry.</param>
    /// <param name="sample">Check this many responses drawn at random (seeded); null or ≥ the log checks all.</param>
    /// <param name="seed">Draw seed, so a sample can be repeated.</param>
    public static ResponseVersionReport Check(IReadOnlyList<ServedResponse> responses, ApprovedModels approved, int? sample = null, int seed = 1)
    {
        ArgumentNullException.ThrowIfNull(responses);
        ArgumentNullException.ThrowIfNull(approved);
        var picked = Sample(responses, sample, seed);
        var findings = new Dictionary<(string, string?, string), (int Count, List<string> Examples)>();
        var withoutHash = 0;
        foreach (var response in picked)
        {
            withoutHash += response.ModelSha256 is null ? 1 : 0;
            if (Problem(response, approved) is not { } reason)
            {
                continue;
            }

            var key = (response.ModelVersion, response.ModelSha256, reason);
            var (count, examples) = findings.GetValueOrDefault(key, (0, []));
            if (examples.Count < ExamplesPerFinding)
            {
                examples.Add(response.RequestId);
            }

            findings[key] = (count + 1, examples);
        }

        var unapproved = findings
            .Select(f => new UnapprovedVersion(f.Key.Item1, f.Key.Item2, f.Key.Item3, f.Value.Count, f.Value.Examples))
            .OrderByDescending(f => f.Responses)
            .ToList();
        return new ResponseVersionReport(responses.Count, picked.Count, withoutHash, unapproved);
    }

    private static string? Problem(ServedResponse response, ApprovedModels approved)
    {
        if (!approved.HasVersion(response.ModelVersion))
        {
            return "model version not approved";
        }

        if (response.ModelSha256 is { } sha256)
        {
            var entry = approved.Find(sha256);
            if (entry is null)
            {
                return "model hash not approved";
            }

            if (entry.Version != response.ModelVersion)
            {
                return "model hash approved for another version";
            }
        }

        return response.RankerVersion == ModelScoreRankerVersion || approved.HasVersion(response.RankerVersion)
            ? null
            : $"ranker {response.RankerVersion} not approved";
    }

    private static List<ServedResponse> Sample(IReadOnlyList<ServedResponse> responses, int? sample, int seed)
    {
        if (sample is not { } n || n >= responses.Count)
        {
            return [.. responses];
        }

        // Partial Fisher-Yates over indices: n distinct responses, reproducible for a seed.
        var indices = Enumerable.Range(0, responses.Count).ToArray();
        var random = new Random(seed);
        for (var i = 0; i < n; i++)
        {
            var j = random.Next(i, indices.Length);
            (indices[i], indices[j]) = (indices[j], indices[i]);
        }

        return [.. indices.Take(n).Order().Select(i => responses[i])];
    }
}

/// <summary>What <see cref="ResponseVersionAudit"/> found: totals and every unapproved (version, hash, reason) with example request ids.</summary>
public sealed record ResponseVersionReport(int Logged, int Checked, int WithoutModelHash, IReadOnlyList<UnapprovedVersion> Unapproved)
{
    public bool Passed => Unapproved.Count == 0;
}

/// <summary>Responses that named a model (or ranker) the registry does not approve.</summary>
public sealed record UnapprovedVersion(string ModelVersion, string? ModelSha256, string Reason, int Responses, IReadOnlyList<string> ExampleRequestIds);
