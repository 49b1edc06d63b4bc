namespace Whisper.Server.Auth;

/// <summary>Wire names of <see cref="ApiKeyRoles"/>: the keys file, role claims, JWT <c>roles</c> claims and the CLI use them.</summary>
public static class ApiKeyRoleNames
{
    public const string Ingest = "ingest";
    public const string Viewer = "viewer";
    public const string Operator = "operator";
    public const string Auditor = "auditor";
    public const string Admin = "admin";

    /// <summary>Every defined role as flags; anything outside is not a role.</summary>
    public const ApiKeyRoles Defined = ApiKeyRoles.Ingest | ApiKeyRoles.Viewer | ApiKeyRoles.Operator | ApiKeyRoles.Auditor | ApiKeyRoles.Admin;

    /// <summary>Every role, in flag order.</summary>
    public static IReadOnlyList<string> All { get; } = [Ingest, Viewer, Operator, Auditor, Admin];

    /// <summary>"ingest, viewer, operator, auditor, admin": for error messages that list the choices.</summary>
    public static string List { get; } = string.Join(", ", All);

    public static bool TryParse(string? name, out ApiKeyRoles role)
    {
        role = name switch
        {
            Ingest => ApiKeyRoles.Ingest,
            Viewer => ApiKeyRoles.Viewer,
            Operator => ApiKeyRoles.Operator,
            Auditor => ApiKeyRoles.Auditor,
            Admin => ApiKeyRoles.Admin,
            _ => ApiKeyRoles.None,
        };
        return role != ApiKeyRoles.None;
    }

    /// <summary>Parses a comma-separated list such as "ingest,viewer"; false on an empty list or an unknown name.</summary>
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
        var names = new List<string>(All.Count);
        for (var i = 0; i < All.Count; i++)
        {
            if (((int)roles & (1 << i)) != 0)
            {
                names.Add(All[i]);
            }
        }

        return [.. names];
    }
}
