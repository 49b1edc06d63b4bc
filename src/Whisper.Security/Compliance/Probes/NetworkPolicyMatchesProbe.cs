using Whisper.Security.Compliance.Evidence;
using Whisper.Security.Egress;

namespace Whisper.Security.Compliance.Probes;

/// <summary>
/// <c>network-policy-matches</c>: the deployed Kubernetes NetworkPolicy is exactly what <c>whisper egress policy</c>
/// generates from the allowlist, so the network refuses what the in-process guard refuses. An allowlist edited without
/// regenerating the policy (or a hand-edited policy) fails.
/// </summary>
public sealed class NetworkPolicyMatchesProbe : IComplianceProbe
{
    public string Name => "network-policy-matches";

    public string Summary => "The deployed egress NetworkPolicy is the one generated from the region allowlist.";

    public void Validate(ProbeParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        parameters.Known("allowlist", "policy", "namespace");
        parameters.RelativePath("allowlist", required: true);
        parameters.RelativePath("policy", required: true);
        if (parameters.Text("namespace", required: false) is { } ns && !EgressNetworkPolicy.IsValidNamespace(ns))
        {
            parameters.Problem("namespace", $"\"{ns}\" is not a Kubernetes namespace name (lower-case DNS label)");
        }
    }

    public async ValueTask<EvidenceResult> RunAsync(ProbeParameters parameters, EvidenceContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(context);
        var allowlistPath = parameters.RelativePath("allowlist", required: true)!;
        var policyPath = parameters.RelativePath("policy", required: true)!;
        foreach (var path in new[] { allowlistPath, policyPath })
        {
            if (!File.Exists(context.Resolve(path)))
            {
                return EvidenceResult.Missing($"{path} does not exist");
            }
        }

        EgressAllowlist allowlist;
        try
        {
            allowlist = EgressAllowlist.Load(context.Resolve(allowlistPath));
        }
        catch (EgressAllowlistException e)
        {
            return EvidenceResult.Fail(e.Message);
        }

        var expected = EgressNetworkPolicy.ToYaml(allowlist, parameters.Text("namespace", required: false)).Split('\n');
        var deployed = (await File.ReadAllTextAsync(context.Resolve(policyPath), cancellationToken).ConfigureAwait(false)).ReplaceLineEndings("\n").Split('\n');
        for (var i = 0; i < Math.Max(expected.Length, deployed.Length); i++)
        {
            if (i >= expected.Length || i >= deployed.Length || !string.Equals(expected[i], deployed[i], StringComparison.Ordinal))
            {
                return EvidenceResult.Fail($"{policyPath} differs from the policy generated for {allowlistPath} from line {i + 1}; regenerate it with 'whisper egress policy --allowlist {allowlistPath} --out {policyPath}'");
            }
        }

        return EvidenceResult.Pass($"{policyPath} is the generated policy for region {allowlist.Region} ({allowlist.Cidrs.Count} CIDRs, {allowlist.Dns.Count} names)");
    }
}
