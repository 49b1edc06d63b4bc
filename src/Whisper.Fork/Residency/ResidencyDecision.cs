namespace Whisper.Fork.Residency;

/// <summary>The verdict on one user, with every signal's vote and a one-line reason.</summary>
/// <param name="UserId">Who was classified.</param>
/// <param name="Verdict">Resident, non-resident or conflict.</param>
/// <param name="Travels">Whether the user moves: residents always, conflicts only under <see cref="ConflictHandling.ReportInclude"/>.</param>
/// <param name="InRegionShare">In-region weight ÷ known weight (0 when nothing is known).</param>
/// <param name="KnownWeight">Sum of the weights of the signals that voted.</param>
/// <param name="Evidence">One entry per policy signal, in <see cref="ResidencySignal"/> order (billing: one per distinct country).</param>
/// <param name="Reason">Why, e.g. "resident: 83% of known weight 3.00 is in region us (threshold 70%)".</param>
public sealed record ResidencyDecision(
    long UserId,
    ResidencyVerdict Verdict,
    bool Travels,
    double InRegionShare,
    double KnownWeight,
    IReadOnlyList<SignalEvidence> Evidence,
    string Reason);
