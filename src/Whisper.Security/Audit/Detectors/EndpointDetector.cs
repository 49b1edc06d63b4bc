using System.Buffers;
using System.Net;
using System.Net.Sockets;

using Whisper.Core.Geo;
using Whisper.Security.Audit.Allowlist;
using Whisper.Security.Audit.Rules;

namespace Whisper.Security.Audit.Detectors;

/// <summary>
/// Finds endpoints outside the region in a literal's value: URLs (<c>scheme://host</c>, any TLD, userinfo and port
/// stripped, bracketed IPv6), bare host names (lower case, TLD in <c>bareHostTlds</c>, not reverse-DNS, not an e-mail
/// domain or a path segment), IPv4 (four decimal octets, no leading zeros) and IPv6 (at least two groups) literals.
/// A host is in the region when the allowlist or <c>ignoreHosts</c> matches it; an address when a CIDR block of either does.
/// Single-label names (<c>http://orders/</c>) resolve through the cluster's own search domains and are not reported.
/// </summary>
internal sealed class EndpointDetector(EndpointSettings settings, RegionAllowlist allowlist)
{
    private static readonly SearchValues<char> DottedDigits = SearchValues.Create("0123456789.");
    private static readonly SearchValues<char> Trigger = SearchValues.Create(".:");
    private static readonly SearchValues<char> UrlEnd = SearchValues.Create(" \t\r\n\"'`<>\\{}|^");
    private static readonly SearchValues<char> AuthorityEnd = SearchValues.Create(" \t\r\n\"'`<>\\{}|^/?#");

    public EndpointSettings Settings => settings;

    public void Find(ReadOnlySpan<char> value, List<EndpointHit> hits)
    {
        if (value.IndexOfAny(Trigger) < 0)
        {
            return;
        }

        var first = hits.Count;
        FindUrls(value, hits);
        FindBare(value, hits, first);
    }

    /// <summary>True when the value holds at least one endpoint outside the region.</summary>
    public bool Any(ReadOnlySpan<char> value, List<EndpointHit> scratch)
    {
        scratch.Clear();
        Find(value, scratch);
        return scratch.Count > 0;
    }

    private void FindUrls(ReadOnlySpan<char> value, List<EndpointHit> hits)
    {
        Span<char> scheme = stackalloc char[32];
        var from = 0;
        while (from < value.Length)
        {
            var mark = value[from..].IndexOf("://");
            if (mark < 0)
            {
                return;
            }

            mark += from;
            var schemeStart = mark;
            while (schemeStart > 0 && (char.IsAsciiLetterOrDigit(value[schemeStart - 1]) || value[schemeStart - 1] is '+' or '.' or '-'))
            {
                schemeStart--;
            }

            var authorityStart = mark + 3;
            var authorityLength = value[authorityStart..].IndexOfAny(AuthorityEnd);
            var authority = authorityLength < 0 ? value[authorityStart..] : value[authorityStart..(authorityStart + authorityLength)];
            var urlLength = value[authorityStart..].IndexOfAny(UrlEnd);
            var urlEnd = urlLength < 0 ? value.Length : authorityStart + urlLength;
            while (urlEnd > authorityStart && value[urlEnd - 1] is '.' or ',' or ';' or ':' or '!' or '?' or ')' or ']')
            {
                urlEnd--; // "(see https://x.cn/a)." — the sentence's punctuation, not the URL's
            }
            from = Math.Max(urlEnd, authorityStart);
            if (schemeStart == mark || !char.IsAsciiLetter(value[schemeStart]) || settings.IsIgnoredScheme(Lower(value[schemeStart..mark], scheme)))
            {
                continue;
            }

            var at = authority.LastIndexOf('@');
            var host = at < 0 ? authority : authority[(at + 1)..];
            if (!host.IsEmpty && host[0] == '[')
            {
                var close = host.IndexOf(']');
                host = close < 0 ? [] : host[1..close];
                if (IPAddress.TryParse(host, out var v6) && v6.AddressFamily == AddressFamily.InterNetworkV6 && !IsAllowed(v6))
                {
                    hits.Add(new EndpointHit(schemeStart, urlEnd - schemeStart, EndpointKind.Url));
                }

                continue;
            }

            var colon = host.IndexOf(':');
            if (colon >= 0)
            {
                host = host[..colon];
            }

            if (IsOutside(host, bare: false))
            {
                hits.Add(new EndpointHit(schemeStart, urlEnd - schemeStart, EndpointKind.Url));
            }
        }
    }

    private void FindBare(ReadOnlySpan<char> value, List<EndpointHit> hits, int first)
    {
        var urlEnd = hits.Count;
        var nextUrl = first;
        var i = 0;
        while (i < value.Length)
        {
            if (nextUrl < urlEnd && i >= hits[nextUrl].Offset)
            {
                i = Math.Max(i, hits[nextUrl].End);
                nextUrl++;
                continue;
            }

            if (!IsTokenChar(value[i]))
            {
                i++;
                continue;
            }

            var start = i;
            while (i < value.Length && IsTokenChar(value[i]))
            {
                i++;
            }

            var end = i;
            if (nextUrl < urlEnd && hits[nextUrl].Offset < end)
            {
                end = hits[nextUrl].Offset; // "see:https://..." — the URL is handled already
                i = end;
            }

            Token(value, start, end, hits);
        }

        if (hits.Count - first > 1)
        {
            hits.Sort(first, hits.Count - first, Comparer<EndpointHit>.Create(static (a, b) => a.Offset.CompareTo(b.Offset)));
        }
    }

    private void Token(ReadOnlySpan<char> value, int start, int end, List<EndpointHit> hits)
    {
        var token = value[start..end].TrimEnd('.').TrimEnd(':');
        if (token.Length < 3 || token.IndexOfAny(Trigger) < 0)
        {
            return;
        }

        var colons = token.Count(':');
        if (colons >= 2)
        {
            if (Groups(token) >= 2 && IPAddress.TryParse(token, out var v6) && v6.AddressFamily == AddressFamily.InterNetworkV6 && !IsAllowed(v6))
            {
                hits.Add(new EndpointHit(start, token.Length, EndpointKind.IPv6));
            }

            return;
        }

        var host = colons == 1 ? token[..token.IndexOf(':')] : token;
        if (colons == 1 && !IsPort(token[(host.Length + 1)..]))
        {
            return; // "key:value.x" — not host:port
        }

        if (IsDottedDigits(host))
        {
            // x.y.z.0 is a network address (or a version, "1.0.0.0"), not something to connect to.
            if (host.Count('.') == 3 && !host.EndsWith(".0", StringComparison.Ordinal) && IpAddressText.TryParse(host, out var v4) && !IsAllowed(v4))
            {
                hits.Add(new EndpointHit(start, token.Length, EndpointKind.IPv4));
            }

            return;
        }

        var before = start > 0 ? value[start - 1] : ' ';
        if (before is '@' or '/' or '\\' or '$' or '%' or '{')
        {
            return; // an e-mail domain, a path segment, a template
        }

        if (end < value.Length && value[end] == '(')
        {
            return; // "obj.method(" in a code string
        }

        if (IsOutside(host, bare: true))
        {
            hits.Add(new EndpointHit(start, token.Length, EndpointKind.Host));
        }
    }

    private bool IsOutside(ReadOnlySpan<char> host, bool bare)
    {
        if (host.IsEmpty)
        {
            return false;
        }

        if (IsDottedDigits(host))
        {
            return IpAddressText.TryParse(host, out var v4) && !IsAllowed(v4);
        }

        if (!HostName.IsValid(host))
        {
            return false;
        }

        if (bare)
        {
            if (host.ContainsAnyInRange('A', 'Z') || !settings.IsBareHostTld(HostName.TopLevel(host)) || settings.IsReverseDnsPrefix(HostName.FirstLabel(host)))
            {
                return false;
            }
        }

        return !allowlist.IsAllowed(host) && !settings.IgnoreHosts.Matches(host);
    }

    private bool IsAllowed(IPAddress address) => allowlist.IsAllowed(address) || settings.IgnoreCidrs.Contains(address);

    private static bool IsTokenChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or ':' or '%';

    private static bool IsDottedDigits(ReadOnlySpan<char> text) => !text.ContainsAnyExcept(DottedDigits);

    private static bool IsPort(ReadOnlySpan<char> text) => text.Length is >= 1 and <= 5 && !text.ContainsAnyExceptInRange('0', '9');

    private static int Groups(ReadOnlySpan<char> token)
    {
        var groups = 0;
        foreach (var range in token.Split(':'))
        {
            if (range.End.Value > range.Start.Value)
            {
                groups++;
            }
        }

        return groups;
    }

    private static ReadOnlySpan<char> Lower(ReadOnlySpan<char> text, Span<char> buffer)
    {
        if (text.Length > buffer.Length)
        {
            return text;
        }

        text.ToLowerInvariant(buffer);
        return buffer[..text.Length];
    }
}
