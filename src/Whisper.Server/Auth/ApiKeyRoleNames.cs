namespace Whisper.Server.Auth;

/// <summary>Wire names of <see cref="ApiKeyRoles"/>: the keys file, role claims and policy names use them.</summary>
public static class ApiKeyRoleNames
{
    public const string Ingest = "ingest";
    public const string Read = "read";
    public const string Operator = "operator";

    public static IReadOnlyList<string> All { get; } = [Ingest, Read, Operator];

    public static bool TryParse(string? name, out ApiKeyRoles role)
    {
        role = name switch
        {
            Ingest => ApiKeyRoles.Ingest,
            Read => ApiKeyRoles.Read,
            Operator => ApiKeyRoles.Operator,
            _ => ApiKeyRoles.None,
        };
        return role != ApiKeyRoles.None;
    }

    /// <summary>Parses a comma-separated list such as "ingest,read"; false on an empty list or an unknown name.</summary>
    public static bool TryParseList(string? names, out ApiKeyRoles roles)
    {
        roles = ApiKeyRoles.None;
        if (string.IsNullOrWhiteSpace(names))
        {
            return false;
        }

        foreach (var part in names.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!TryParse(part, out var role))
            {
                roles = ApiKeyRoles.None;
                return false;
            }

            roles |= role;
        }

        return roles != ApiKeyRoles.None;
    }

    public static string[] ToNames(ApiKeyRoles roles)
    {
        var names = new List<string>(3);
        if ((roles & ApiKeyRoles.Ingest) != 0)
        {
            names.Add(Ingest);
        }

        if ((roles & ApiKeyRoles.Read) != 0)
        {
            names.Add(Read);
        }

        if ((roles & ApiKeyRoles.Operator) != 0)
        {
            names.Add(Operator);
        }

        return [.. names];
    }
}
