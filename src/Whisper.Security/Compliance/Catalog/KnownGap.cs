namespace Whisper.Security.Compliance.Catalog;

/// <summary>
/// A shortfall the catalog states openly. A <see cref="Blocking"/> gap means the control is not met until it is closed,
/// so the control is at best <see cref="ControlStatus.Partial"/>; a non-blocking one is residual risk an assessor
/// should read but that does not undo the implementation.
/// </summary>
public sealed record KnownGap(string Text, bool Blocking);
