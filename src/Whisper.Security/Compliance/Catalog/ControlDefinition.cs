using Whisper.Security.Compliance.Evidence;

namespace Whisper.Security.Compliance.Catalog;

/// <summary>
/// One control of the catalog: what the baseline asks (<see cref="Id"/>, <see cref="Title"/>), how Whisper answers
/// (<see cref="Implementation"/>), what proves it (<see cref="Evidence"/>, each checked by <c>whisper compliance</c>)
/// and what it does not do yet (<see cref="Gaps"/>).
/// </summary>
/// <param name="Id">NIST SP 800-53 identifier, e.g. <c>SC-7</c> or <c>SC-7(5)</c>.</param>
/// <param name="Title">The control's name in the baseline.</param>
/// <param name="Implementation">One or two sentences: how Whisper implements it.</param>
/// <param name="Evidence">Checked evidence, in catalog order; may be empty for a control that is only a gap.</param>
/// <param name="Gaps">Known, stated shortfalls.</param>
/// <param name="Line">The catalog line the control starts on, for messages.</param>
public sealed record ControlDefinition(
    string Id,
    string Title,
    string Implementation,
    IReadOnlyList<EvidenceItem> Evidence,
    IReadOnlyList<KnownGap> Gaps,
    int Line);
