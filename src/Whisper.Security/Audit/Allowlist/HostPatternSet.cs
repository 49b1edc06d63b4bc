using System.Collections.Frozen;

namespace Whisper.Security.Audit.Allowlist;

/// <summary>
/// DNS names and suffixes, matched without case: <c>whisper.example</c> matches that name only;
/// <c>*.us.whisper.example</c> matches any name that ends in <c>.us.whisper.example</c> (one or more labels in front),
/// not <c>us.whisper.example</c> itself. A trailing dot on the host is ignored. No allocation per lookup.
/// </summary>
public sealed class HostPatternSet
{
    private readonly FrozenSet<string> exact;
    private readonly FrozenSet<string> suffixes;
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> exactLookup;
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> suffixLookup;

    private HostPatternSet(IEnumerable<string> exactNames, IEnumerable<string> suffixNames)
    {
        exact = exactNames.ToFrozenSet(StringComparer.OrdinalIgnoreCase);
        suffixes = suffixNames.ToFrozenSet(StringComparer.OrdinalIgnoreCase);
        exactLookup = exact.GetAlternateLookup<ReadOnlySpan<char>>();
        suffixLookup = suffixes.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public static HostPatternSet Empty { get; } = new([], []);

    public int Count => exact.Count + suffixes.Count;

    /// <summary>Builds a set; each invalid pattern is reported through <paramref name="problem"/> with its index.</summary>
    public static HostPatternSet Create(IReadOnlyList<string> patterns, Action<int, string> problem)
    {
        ArgumentNullException.ThrowIfNull(patterns);
        ArgumentNullException.ThrowIfNull(problem);
        var exactNames = new List<string>();
        var suffixNames = new List<string>();
        for (var i = 0; i < patterns.Count; i++)
        {
            var pattern = patterns[i].Trim().TrimEnd('.');
            var wildcard = pattern.StartsWith("*.", StringComparison.Ordinal);
            var name = wildcard ? pattern[2..] : pattern;
            if (System.Net.IPAddress.TryParse(name, out _))
            {
                problem(i, $"\"{patterns[i]}\" is an IP address; list addresses under \"cidrs\" (e.g. \"{name}/32\")");
            }
            else if (name.Contains('*', StringComparison.Ordinal) || !IsValidPatternName(name))
            {
                problem(i, $"\"{patterns[i]}\" is not a DNS name or \"*.\" followed by one; use e.g. \"whisper.example\" or \"*.us.whisper.example\"");
            }
            else
            {
                (wildcard ? suffixNames : exactNames).Add(name.ToLowerInvariant());
            }
        }

        return new HostPatternSet(exactNames, suffixNames);
    }

    public bool Matches(ReadOnlySpan<char> host)
    {
        if (host.EndsWith('.'))
        {
            host = host[..^1];
        }

        if (exactLookup.Contains(host))
        {
            return true;
        }

        if (suffixes.Count == 0)
        {
            return false;
        }

        for (var dot = host.IndexOf('.'); dot >= 0; dot = NextDot(host, dot))
        {
            if (suffixLookup.Contains(host[(dot + 1)..]))
            {
                return true;
            }
        }

        return false;
    }

    private static int NextDot(ReadOnlySpan<char> host, int dot)
    {
        var next = host[(dot + 1)..].IndexOf('.');
        return next < 0 ? -1 : dot + 1 + next;
    }

    // A pattern may be a single label ("localhost") or a TLD suffix ("*.cn"), which HostName.IsValid would refuse.
    private static bool IsValidPatternName(string name) =>
        name.Length > 0 && (HostName.IsValid(name) || HostName.IsValid(name + ".x"));
}
