using System.Collections.Frozen;
using System.Text.RegularExpressions;

using Whisper.Security.Audit.Allowlist;

namespace Whisper.Security.Audit.Rules;

/// <summary>
/// How an endpoint is recognised, shared by the three endpoint rules (the rules file's <c>endpoints</c>). URLs count
/// whatever their TLD; a bare name counts only in lower case with a last label in <see cref="BareHostTlds"/> and a first
/// label not in <see cref="ReverseDnsPrefixes"/> (<c>org.apache.commons.io</c> is a package, not a host).
/// </summary>
public sealed record EndpointSettings(
    FrozenSet<string> BareHostTlds,
    FrozenSet<string> ReverseDnsPrefixes,
    FrozenSet<string> IgnoreSchemes,
    HostPatternSet IgnoreHosts,
    CidrSet IgnoreCidrs,
    Regex? IgnoreNames,
    Regex? VersionNames)
{
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> tlds = BareHostTlds.GetAlternateLookup<ReadOnlySpan<char>>();
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> reverse = ReverseDnsPrefixes.GetAlternateLookup<ReadOnlySpan<char>>();
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> schemes = IgnoreSchemes.GetAlternateLookup<ReadOnlySpan<char>>();

    public bool IsBareHostTld(ReadOnlySpan<char> tld) => tlds.Contains(tld);

    public bool IsReverseDnsPrefix(ReadOnlySpan<char> label) => reverse.Contains(label);

    public bool IsIgnoredScheme(ReadOnlySpan<char> scheme) => schemes.Contains(scheme);
}
