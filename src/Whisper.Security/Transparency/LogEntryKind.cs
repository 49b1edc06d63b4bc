namespace Whisper.Security.Transparency;

/// <summary>
/// What a transparency-log entry attests. The numeric values are the kind byte of the canonical leaf
/// (docs/security/transparency-log.md, "Leaf"), so they never change and are never reused.
/// </summary>
public enum LogEntryKind : byte
{
    /// <summary>A released binary or container image: subject names it, digest is its SHA-256.</summary>
    Release = 1,

    /// <summary>A model version put into service (e.g. the two-tower model a region serves).</summary>
    Model = 2,

    /// <summary>A fork's migration manifest: digest is SHA-256 of <c>manifest.json</c>'s exact bytes.</summary>
    MigrationManifest = 3,

    /// <summary>One step of a region cutover (freeze, final sync, switch), so the order of steps is public.</summary>
    CutoverStep = 4,

    /// <summary>An audit artefact (a scan report, a signed review).</summary>
    Audit = 5,
}
