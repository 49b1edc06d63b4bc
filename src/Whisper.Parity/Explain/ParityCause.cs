namespace Whisper.Parity.Explain;

/// <summary>The known ways a fork degrades against its source (docs/parity.md, "Causes"). Wire names: <see cref="ParityCauses.Name"/>.</summary>
public enum ParityCause : byte
{
    /// <summary>The feature contracts differ in a way a model sees (TTLs, defaults, windows…): blocking contract differences.</summary>
    FeatureTtl = 1,

    /// <summary>The fork's embedding snapshot is behind the source's, or holds fewer rows.</summary>
    Embeddings = 2,

    /// <summary>The fork holds fewer in-flight sessions than the source.</summary>
    SessionState = 3,

    /// <summary>Another model (version id) at the same training position: a different model, not a stale one.</summary>
    ModelVersion = 4,

    /// <summary>The fork retrieves fewer candidates before ranking.</summary>
    CandidateBudget = 5,
}

/// <summary>Wire names of <see cref="ParityCause"/>.</summary>
public static class ParityCauses
{
    public static string Name(ParityCause cause) => cause switch
    {
        ParityCause.FeatureTtl => "feature_ttl_mismatch",
        ParityCause.Embeddings => "stale_or_missing_embeddings",
        ParityCause.SessionState => "missing_session_state",
        ParityCause.ModelVersion => "model_version",
        ParityCause.CandidateBudget => "candidate_budget",
        _ => cause.ToString(),
    };
}
