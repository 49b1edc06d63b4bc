using Whisper.Security.Compliance.Catalog;
using Whisper.Security.Compliance.Evidence;

namespace Whisper.Security.Compliance;

/// <summary>Checks every evidence item of a catalog against a root, one after another, and computes each control's status.</summary>
public static class ComplianceEvaluator
{
    public static async Task<ComplianceReport> EvaluateAsync(ComplianceCatalog catalog, EvidenceContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(context);
        var controls = new List<ControlResult>(catalog.Controls.Count);
        foreach (var control in catalog.Controls)
        {
            var checks = new List<EvidenceCheck>(control.Evidence.Count);
            foreach (var item in control.Evidence)
            {
                checks.Add(new EvidenceCheck(item, await item.CheckAsync(context, cancellationToken).ConfigureAwait(false)));
            }

            controls.Add(new ControlResult(control, checks));
        }

        return new ComplianceReport(catalog, context.Root, context.Time.GetUtcNow(), controls);
    }
}
