namespace Whisper.Cutover.Gates;

/// <summary>One gate's verdict at one check, with a short detail for the log and the status ("p99 41 ms ≤ 250 ms").</summary>
public sealed record GateReading(string Gate, GateVerdict Verdict, string Detail)
{
    /// <summary>Fail if any gate fails, else inconclusive if any is, else pass (no gates at all: pass).</summary>
    public static GateVerdict Combine(IReadOnlyList<GateReading> readings)
    {
        ArgumentNullException.ThrowIfNull(readings);
        var verdict = GateVerdict.Pass;
        foreach (var r in readings)
        {
            if (r.Verdict == GateVerdict.Fail)
            {
                return GateVerdict.Fail;
            }

            if (r.Verdict == GateVerdict.Inconclusive)
            {
                verdict = GateVerdict.Inconclusive;
            }
        }

        return verdict;
    }
}
