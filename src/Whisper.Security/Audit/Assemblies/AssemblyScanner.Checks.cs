using System.Reflection.Metadata;

using Whisper.Security.Audit.Detectors;
using Whisper.Security.Audit.Rules;
using Whisper.Security.Audit.Scanning;

namespace Whisper.Security.Audit.Assemblies;

/// <summary>What is reported for a literal or a called member.</summary>
internal sealed partial class AssemblyScanner
{
    private int CallRule(string member, EntityHandle target)
    {
        if (!callMembers.TryGetValue(member, out var candidates))
        {
            return -1;
        }

        foreach (var (rule, wanted) in candidates)
        {
            if (IsActive(rule) && MatchesSignature(wanted, member, target))
            {
                return rule;
            }
        }

        return -1;
    }

    private void CheckMember(string member, EntityHandle target, MethodDefinitionHandle method, bool afterAlwaysTrueDelegate)
    {
        if (!memberPatterns.TryGetValue(member, out var candidates))
        {
            return;
        }

        foreach (var (rule, pattern, wanted) in candidates)
        {
            if (IsActive(rule) && (!pattern.AlwaysTrueDelegate || afterAlwaysTrueDelegate) && MatchesSignature(wanted, member, target))
            {
                var shown = pattern.AlwaysTrueDelegate ? $"{wanted} with a delegate that returns true" : wanted;
                Report(rule, new Literal("", -1, method), shown, wanted, "", "call in IL");
            }
        }
    }

    private bool MatchesSignature(string wanted, string member, EntityHandle target) =>
        wanted.Length == member.Length || string.Equals(wanted, member + MemberNames.Parameters(reader, target), StringComparison.Ordinal);

    private void ScanLiteral(Literal literal, string name, int callRule)
    {
        var value = literal.Value.AsSpan();
        if (value.IsEmpty)
        {
            return;
        }

        var endpoints = plan.Rules.Endpoints;
        if (language.HasEndpointRules && (endpoints.IgnoreNames is null || name.Length == 0 || !endpoints.IgnoreNames.IsMatch(name)))
        {
            hits.Clear();
            plan.Endpoints.Find(value, hits);
            foreach (var hit in hits)
            {
                if (hit.Kind == EndpointKind.IPv4 && name.Length > 0 && endpoints.VersionNames is { } versions && versions.IsMatch(name))
                {
                    continue;
                }

                var shown = FindingText.Shown(value.Slice(hit.Offset, hit.Length), redact: false);
                if (callRule >= 0)
                {
                    Report(callRule, literal, shown, shown, name, hit.Describe());
                    continue;
                }

                foreach (var rule in language.EndpointRules)
                {
                    if (IsActive(rule))
                    {
                        Report(rule, literal, shown, shown, name, hit.Describe());
                    }
                }
            }

            ScanBlobs(literal);
        }

        ScanSecret(literal, name);
        foreach (var (rule, pattern) in language.AssemblyPatterns)
        {
            if (!IsActive(rule) || pattern.Regex is not { } regex || pattern.Members.Count > 0)
            {
                continue;
            }

            foreach (var match in regex.EnumerateMatches(value))
            {
                var matched = value.Slice(match.Index, match.Length);
                if (pattern.IgnoreMatches is null || !pattern.IgnoreMatches.IsMatch(matched))
                {
                    Report(rule, literal, FindingText.Shown(matched, plan.Rules.Rules[rule].Redact), matched.ToString(), name, "");
                }
            }
        }
    }

    private void ScanBlobs(Literal literal)
    {
        foreach (var rule in language.ObfuscatedRules)
        {
            if (!IsActive(rule) || plan.Rules.Rules[rule].Decode is not { } decode)
            {
                continue;
            }

            blobs.Clear();
            BlobDecoder.Find(literal.Value, decode, blobs);
            foreach (var blob in blobs)
            {
                if (plan.Endpoints.Any(blob.Decoded, decodedHits))
                {
                    var hit = decodedHits[0];
                    var shown = FindingText.Shown(blob.Decoded.AsSpan(hit.Offset, hit.Length), redact: false);
                    Report(rule, literal, shown, shown, "", blob.Encoding);
                }
            }
        }
    }

    private void ScanSecret(Literal literal, string name)
    {
        if (name.Length == 0)
        {
            return;
        }

        foreach (var rule in language.SecretRules)
        {
            if (IsActive(rule) && plan.Rules.Rules[rule].Secret is { } secret && secret.Names.IsMatch(name)
                && SecretCheck.LooksSecret(literal.Value, secret, out var entropy))
            {
                var shown = FindingText.Shown(literal.Value, plan.Rules.Rules[rule].Redact);
                Report(rule, literal, shown, $"{name}={literal.Value}", name, $"{entropy:0.0} bits of entropy per character");
            }
        }
    }

    private void Report(int rule, Literal literal, string shown, string evidence, string name, string detail)
    {
        var definition = plan.Rules.Rules[rule];
        findings.Add(new AuditFinding(
            definition.Id,
            definition.Level,
            FindingText.Message(definition, shown, name, plan.Allowlist.Region, detail),
            path,
            0,
            0,
            0,
            0,
            evidence)
        {
            ByteOffset = literal.HeapOffset < 0 ? -1 : userStringBase + literal.HeapOffset + BlobPrefixLength((2 * literal.Value.Length) + 1),
            ByteLength = literal.HeapOffset < 0 ? 0 : 2 * literal.Value.Length,
            LogicalLocation = literal.Method.IsNil ? null : MemberName(literal.Method),
        });
    }

    /// <summary>ECMA-335 II.24.2.4: a #US entry starts with its length compressed into 1, 2 or 4 bytes, then UTF-16 and one flag byte.</summary>
    private static int BlobPrefixLength(int length) => length < 0x80 ? 1 : length < 0x4000 ? 2 : 4;
}
