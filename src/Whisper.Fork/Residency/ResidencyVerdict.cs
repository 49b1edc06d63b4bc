namespace Whisper.Fork.Residency;

/// <summary>What a policy concluded about one user.</summary>
public enum ResidencyVerdict
{
    /// <summary>The in-region share of the known signal weight reached the threshold: the user travels.</summary>
    Resident,

    /// <summary>The in-region share is at or below threshold − conflict margin: the user stays.</summary>
    NonResident,

    /// <summary>
    /// The policy cannot decide (the share falls between the two bounds, or too little signal weight is known). The
    /// user is always reported; whether they travel is the policy's <see cref="ConflictHandling"/>, never a guess.
    /// </summary>
    Conflict,
}
