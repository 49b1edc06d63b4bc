namespace Whisper.Security.Egress;

/// <summary>
/// An allowlist that cannot be used. The message is one line: the file, then every problem as
/// <c>field: what is wrong and the fix</c>, separated by "; ", e.g.
/// <c>allowlists/us.json: cidrs[1]: '10.0.0.1/8' has bits set after the prefix; did you mean '10.0.0.0/8'?</c>
/// </summary>
public sealed class EgressAllowlistException : Exception
{
    public EgressAllowlistException(string file, IReadOnlyList<string> problems)
        : base($"{file}: {string.Join("; ", problems)}")
    {
        File = file;
        Problems = problems;
    }

    /// <summary>Where the allowlist came from (a path, or "allowlist" for one built from values).</summary>
    public string File { get; }

    /// <summary>Every problem found, each starting with the field it is about (<c>region</c>, <c>dns[2]</c>, <c>cidrs[0]</c>).</summary>
    public IReadOnlyList<string> Problems { get; }
}
