namespace Whisper.Security.Compliance;

/// <summary>Where a control stands after its evidence was checked (docs/security/compliance.md, "Status").</summary>
public enum ControlStatus
{
    /// <summary>Every evidence item passed and no blocking gap is stated.</summary>
    Implemented,

    /// <summary>Some evidence passed, but an item failed, is missing or was not run, or a blocking gap is stated.</summary>
    Partial,

    /// <summary>No evidence item passed (or the control lists none): nothing is in place.</summary>
    Gap,
}
