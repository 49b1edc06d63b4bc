using System.Security.Cryptography;
using System.Text;

namespace Whisper.Security.Audit.Baseline;

/// <summary>
/// A finding's identity across runs: SHA-256 over the rule id, the relative path, the logical location (assemblies),
/// the evidence (the endpoint, the matched text, the name and secret) and which occurrence of that same tuple in the
/// file it is, first 16 bytes as hex. Lines are left out, so edits above a finding do not change it; a second copy of
/// the same endpoint in the same file is a new finding. Secrets enter only through the hash.
/// </summary>
public static class AuditFingerprint
{
    /// <summary>The SARIF <c>partialFingerprints</c> key; the suffix is the scheme's version.</summary>
    public const string SarifKey = "whisperAudit/v1";

    /// <summary>Returns the findings (in the given order) with <see cref="AuditFinding.Fingerprint"/> set.</summary>
    public static List<AuditFinding> Assign(IReadOnlyList<AuditFinding> ordered)
    {
        ArgumentNullException.ThrowIfNull(ordered);
        var occurrences = new Dictionary<string, int>(StringComparer.Ordinal);
        var result = new List<AuditFinding>(ordered.Count);
        foreach (var finding in ordered)
        {
            var key = string.Join('\n', finding.RuleId, finding.Path, finding.LogicalLocation ?? "", finding.Evidence);
            var occurrence = occurrences.GetValueOrDefault(key);
            occurrences[key] = occurrence + 1;
            result.Add(finding with { Fingerprint = Compute(key, occurrence) });
        }

        return result;
    }

    private static string Compute(string key, int occurrence)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes($"{key}\n{occurrence}"), hash);
        return Convert.ToHexStringLower(hash[..16]);
    }
}
