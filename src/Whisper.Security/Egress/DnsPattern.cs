namespace Whisper.Security.Egress;

/// <summary>
/// One entry of an allowlist's <c>dns</c> list: an exact name (<c>whisper.example</c>) or a wildcard
/// (<c>*.us.whisper.example</c>). A wildcard matches every name <em>below</em> its suffix, at any depth
/// (<c>a.us.whisper.example</c>, <c>a.b.us.whisper.example</c>) but not the suffix itself; list the apex separately.
/// Matching is on whole labels, so neither <c>evil-whisper.example</c> nor <c>whisper.example.evil.com</c> matches
/// <c>whisper.example</c>. Names are compared lower-case, without a trailing dot, in their ASCII (punycode) form.
/// </summary>
public sealed record DnsPattern
{
    private DnsPattern(string text, string name, bool isWildcard)
    {
        Text = text;
        Name = name;
        IsWildcard = isWildcard;
    }

    /// <summary>The entry as it is written in normalised form: <c>*.us.whisper.example</c> or <c>whisper.example</c>.</summary>
    public string Text { get; }

    /// <summary>The exact name, or the suffix below which a wildcard matches (without the <c>*.</c>).</summary>
    public string Name { get; }

    public bool IsWildcard { get; }

    /// <summary>Parses one <c>dns</c> entry; on failure <paramref name="error"/> says what is wrong and how to fix it.</summary>
    public static bool TryParse(string text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out DnsPattern? pattern, out string error)
    {
        ArgumentNullException.ThrowIfNull(text);
        pattern = null;
        var wildcard = text.StartsWith("*.", StringComparison.Ordinal);
        var body = wildcard ? text[2..] : text;
        if (body.EndsWith('.'))
        {
            body = body[..^1];
        }

        if (body.Contains('*', StringComparison.Ordinal))
        {
            error = $"'{text}' puts '*' somewhere other than a whole leftmost label; write '*.suffix.example'";
            return false;
        }

        if (System.Net.IPAddress.TryParse(body, out _) || body.Contains('/', StringComparison.Ordinal))
        {
            error = $"'{text}' is an address, not a name; put addresses in cidrs (e.g. '{body}/32')";
            return false;
        }

        if (!EgressHost.TryNormalizeName(body, out var name))
        {
            error = $"'{text}' is not a valid DNS name (labels of 1-63 of a-z 0-9 '-' '_', 253 characters at most, ASCII: write IDNs as punycode 'xn--…')";
            return false;
        }

        if (wildcard && !name.Contains('.', StringComparison.Ordinal))
        {
            error = $"'{text}' is too broad: a wildcard needs a suffix of at least two labels, e.g. '*.{name}.example'";
            return false;
        }

        pattern = new DnsPattern(wildcard ? "*." + name : name, name, wildcard);
        error = "";
        return true;
    }

    /// <summary>Whether <paramref name="normalizedName"/> (lower-case, no trailing dot, see <see cref="EgressHost"/>) matches.</summary>
    public bool Matches(string normalizedName)
    {
        ArgumentNullException.ThrowIfNull(normalizedName);
        if (!IsWildcard)
        {
            return string.Equals(normalizedName, Name, StringComparison.Ordinal);
        }

        // "x.suffix": longer than the suffix, ends with it, and the character before it is the label dot.
        return normalizedName.Length > Name.Length + 1
            && normalizedName.EndsWith(Name, StringComparison.Ordinal)
            && normalizedName[normalizedName.Length - Name.Length - 1] == '.';
    }

    public override string ToString() => Text;
}
