namespace Whisper.Security.Compliance.Evidence;

/// <summary>
/// One piece of evidence a control claims, checked by <see cref="CheckAsync"/> against a root directory (a checkout or
/// a deployment). Kinds: <c>file</c>, <c>doc</c>, <c>test</c>, <c>config</c>, <c>probe</c> (docs/security/compliance.md).
/// </summary>
/// <param name="Description">Why this item is evidence for the control, in a few words; may be null.</param>
/// <param name="Line">The catalog line the item starts on.</param>
public abstract record EvidenceItem(string? Description, int Line)
{
    /// <summary>The kind as written in the catalog.</summary>
    public abstract string Kind { get; }

    /// <summary>What the item names, for reports: a path, <c>path#heading</c>, a test, <c>path pointer</c> or a probe.</summary>
    public abstract string Target { get; }

    /// <summary>Checks the item. Expected outcomes (missing, failed) are results, never exceptions.</summary>
    public abstract ValueTask<EvidenceResult> CheckAsync(EvidenceContext context, CancellationToken cancellationToken);
}
