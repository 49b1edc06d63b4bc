using System.Globalization;

using Whisper.Security.Compliance.Evidence;
using Whisper.Security.Detection;
using Whisper.Security.Detection.Synthetic;

namespace Whisper.Security.Compliance.Probes;

/// <summary>
/// <c>detection-lab</c>: the intrusion detector, run over the seeded synthetic log with planted attacks (what
/// <c>whisper detect lab</c> prints), catches at least <c>minRecall</c> of them at no more than
/// <c>maxFalsePositiveRate</c> false alerts per benign identity-hour. A detector change that stops catching an
/// attack kind fails it.
/// </summary>
public sealed class DetectionLabProbe : IComplianceProbe
{
    public string Name => "detection-lab";

    public string Summary => "Intrusion detection catches the planted attacks of a synthetic log with few false alerts.";

    public void Validate(ProbeParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        parameters.Known("seed", "minRecall", "maxFalsePositiveRate");
        parameters.Number("seed", 42, 0, int.MaxValue);
        parameters.Number("minRecall", 0.9, 0, 1);
        parameters.Number("maxFalsePositiveRate", 0.01, 0, 1);
    }

    public ValueTask<EvidenceResult> RunAsync(ProbeParameters parameters, EvidenceContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var seed = (int)parameters.Number("seed", 42, 0, int.MaxValue);
        var minRecall = parameters.Number("minRecall", 0.9, 0, 1);
        var maxRate = parameters.Number("maxFalsePositiveRate", 0.01, 0, 1);
        var score = DetectionScore.Evaluate(new SecurityLogGenerator(seed).Generate(), new IntrusionDetector());
        var missed = string.Join(", ", score.RecallByRule.Where(r => r.Value < 1).Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Key} {r.Value:P0}")));
        var detail = string.Create(CultureInfo.InvariantCulture,
            $"seed {seed}: {score.Detected}/{score.Attacks} attacks caught (recall {score.Recall:0.000}), {score.FalseAlerts} false alerts in {score.BenignIdentityHours:N0} benign identity-hours (rate {score.FalsePositiveRate:0.00000})");
        if (missed.Length > 0)
        {
            detail += $"; below full recall: {missed}";
        }

        return ValueTask.FromResult(score.Recall >= minRecall && score.FalsePositiveRate <= maxRate
            ? EvidenceResult.Pass(detail)
            : EvidenceResult.Fail(string.Create(CultureInfo.InvariantCulture, $"{detail}; needs recall >= {minRecall} and rate <= {maxRate}")));
    }
}
