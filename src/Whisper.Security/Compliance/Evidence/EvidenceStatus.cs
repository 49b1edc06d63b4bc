namespace Whisper.Security.Compliance.Evidence;

/// <summary>The result of checking one evidence item.</summary>
public enum EvidenceStatus
{
    /// <summary>Present and as claimed.</summary>
    Pass,

    /// <summary>Present but not as claimed: a config value differs, a probe failed, a test is skipped. Drift: exit 1.</summary>
    Fail,

    /// <summary>The file, heading or test the catalog names does not exist. Drift: exit 1.</summary>
    Missing,

    /// <summary>A probe that needs an input (a log directory, a keys file) was not given it; not a pass, not drift.</summary>
    NotRun,
}
