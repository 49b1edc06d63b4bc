namespace Whisper.Security.AuditTrail;

/// <summary>How a recorded action ended. The numeric value is the outcome byte of the canonical encoding: never renumber.</summary>
public enum AuditOutcome : byte
{
    /// <summary>The action ran and answered 1xx–3xx.</summary>
    Succeeded = 1,

    /// <summary>Authentication or authorization refused it (401, 403).</summary>
    Refused = 2,

    /// <summary>It was allowed but failed (any other 4xx or 5xx).</summary>
    Failed = 3,
}

/// <summary>Wire names of <see cref="AuditOutcome"/> in the trail file and the API.</summary>
public static class AuditOutcomes
{
    public const string Succeeded = "succeeded";
    public const string Refused = "refused";
    public const string Failed = "failed";

    /// <summary>The outcome an HTTP status stands for.</summary>
    public static AuditOutcome FromStatus(int status) => status switch
    {
        401 or 403 => AuditOutcome.Refused,
        >= 400 => AuditOutcome.Failed,
        _ => AuditOutcome.Succeeded,
    };

    public static string ToWireName(this AuditOutcome outcome) => outcome switch
    {
        AuditOutcome.Succeeded => Succeeded,
        AuditOutcome.Refused => Refused,
        AuditOutcome.Failed => Failed,
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "Not an audit outcome."),
    };

    public static bool TryParse(string? name, out AuditOutcome outcome)
    {
        outcome = name switch
        {
            Succeeded => AuditOutcome.Succeeded,
            Refused => AuditOutcome.Refused,
            Failed => AuditOutcome.Failed,
            _ => 0,
        };
        return outcome != 0;
    }
}
