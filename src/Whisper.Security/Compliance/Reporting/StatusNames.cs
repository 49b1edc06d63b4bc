using Whisper.Security.Compliance.Evidence;

namespace Whisper.Security.Compliance.Reporting;

/// <summary>The status words every report uses (JSON values, Markdown and console text alike).</summary>
public static class StatusNames
{
    public static string Of(ControlStatus status) => status switch
    {
        ControlStatus.Implemented => "implemented",
        ControlStatus.Partial => "partial",
        _ => "gap",
    };

    public static string Of(EvidenceStatus status) => status switch
    {
        EvidenceStatus.Pass => "pass",
        EvidenceStatus.Fail => "fail",
        EvidenceStatus.Missing => "missing",
        _ => "not-run",
    };
}
