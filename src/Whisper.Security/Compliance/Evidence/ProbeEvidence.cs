using System.Text.Json;

using Whisper.Security.Compliance.Probes;

namespace Whisper.Security.Compliance.Evidence;

/// <summary>
/// A live check: the named probe (<see cref="IComplianceProbe"/>) run in-process with the catalog's parameters. A probe
/// that throws is reported as failed with the exception's message; it never stops the other checks.
/// </summary>
/// <param name="Probe">The probe's name.</param>
/// <param name="Parameters">The catalog's <c>parameters</c> object (cloned; undefined when none were given).</param>
public sealed record ProbeEvidence(string Probe, JsonElement Parameters, string? Description, int Line) : EvidenceItem(Description, Line)
{
    public override string Kind => "probe";

    public override string Target => Probe;

    public override async ValueTask<EvidenceResult> CheckAsync(EvidenceContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Probes.Find(Probe) is not { } probe)
        {
            return EvidenceResult.Fail($"no probe named {Probe} in this build");
        }

        try
        {
            return await probe.RunAsync(ProbeParameters.ForRun(Parameters), context, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return EvidenceResult.Fail($"the probe stopped with {e.GetType().Name}: {e.Message}");
        }
    }
}
