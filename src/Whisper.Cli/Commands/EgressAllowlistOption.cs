using Whisper.Security.Egress;

namespace Whisper.Cli.Commands;

/// <summary>Reads the <c>--allowlist</c> file of the verbs that guard their outbound connections (docs/security/egress-guard.md).</summary>
internal static class EgressAllowlistOption
{
    /// <summary>The allowlist, or null when the option was left out; a missing or malformed file is a usage error.</summary>
    public static EgressAllowlist? Load(string? path)
    {
        if (path is null)
        {
            return null;
        }

        if (!File.Exists(path))
        {
            throw new UsageException($"--allowlist {path} does not exist; give the region allowlist file (e.g. allowlists/us.json, docs/security/allowlist.md).");
        }

        try
        {
            return EgressAllowlist.Load(path);
        }
        catch (EgressAllowlistException e)
        {
            throw new UsageException($"--allowlist {path}: {e.Message}");
        }
    }
}
