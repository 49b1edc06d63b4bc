using Whisper.Security.Compliance.Evidence;

namespace Whisper.Security.Compliance.Probes;

/// <summary>
/// A live check that <c>whisper compliance</c> runs in-process, named in the catalog (<c>"probe": "egress-denies"</c>)
/// with its parameters. Probes reuse the product's own code (the egress guard, the audit scanner, the transparency log)
/// so the evidence is the product behaving, not a document saying it does. A probe never opens a network connection.
/// </summary>
public interface IComplianceProbe
{
    /// <summary>The name the catalog uses: lower-case words joined by '-'.</summary>
    string Name { get; }

    /// <summary>One sentence: what a pass proves.</summary>
    string Summary { get; }

    /// <summary>Checks the catalog's parameters, reporting every problem to <paramref name="parameters"/>.</summary>
    void Validate(ProbeParameters parameters);

    /// <summary>Runs the check. A failed check is a <see cref="EvidenceStatus.Fail"/> result; an absent input is <see cref="EvidenceStatus.NotRun"/>.</summary>
    ValueTask<EvidenceResult> RunAsync(ProbeParameters parameters, EvidenceContext context, CancellationToken cancellationToken);
}
