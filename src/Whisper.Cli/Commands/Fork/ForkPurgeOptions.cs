using System.CommandLine;
using System.Data.Common;
using System.Globalization;
using System.Text.RegularExpressions;

using Whisper.Fork.Purge;
using Whisper.Storage;

namespace Whisper.Cli.Commands.Fork;

/// <summary>Options and parsing shared by <c>fork purge</c> and <c>fork verify-purge</c>.</summary>
internal static partial class ForkPurgeOptions
{
    public static Option<string> Scope() => new("--scope")
    {
        Description = "The export repository the residents left with (manifest.json/.sig, sync.state); the purge keeps its residents, journal and certificate in <scope>/purge.",
        Required = true,
    };

    public static Option<string?> State() => new("--state") { Description = "Purge state directory (residents.json, purge.state, the certificate); default <scope>/purge." };

    public static Option<string[]> Checkpoints() => new("--checkpoints")
    {
        Description = "A trainer checkpoint directory (ckpt-*.wck) at the origin. Repeat for several.",
        AllowMultipleArgumentsPerToken = true,
    };

    public static Option<string[]> Backups() => new("--backups")
    {
        Description = "A directory of origin backups (*.wbk, made by 'whisper fork backup'). Repeat for several.",
        AllowMultipleArgumentsPerToken = true,
    };

    public static string[] Directories(string[]? values, string option)
    {
        foreach (var directory in values ?? [])
        {
            if (!Directory.Exists(directory))
            {
                throw new UsageException($"{option} {directory} is not a directory; pass an existing folder.");
            }
        }

        return values ?? [];
    }

    /// <summary>"30d", "12h", "90m", "45s" or "0" → a duration.</summary>
    public static TimeSpan ParseRetention(string text)
    {
        var match = Duration().Match(text.Trim());
        if (!match.Success)
        {
            throw new UsageException($"--retention '{text}' is not a duration; use a number with d, h, m or s (e.g. 30d, 12h, 0s).");
        }

        var value = long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        return match.Groups[2].Value switch
        {
            "d" => TimeSpan.FromDays(value),
            "h" => TimeSpan.FromHours(value),
            "m" => TimeSpan.FromMinutes(value),
            _ => TimeSpan.FromSeconds(value),
        };
    }

    /// <summary>How the certificate names the store: a SQLite file's full path, or a PostgreSQL host/database/schema (never credentials).</summary>
    public static PurgeStoreIdentity IdentityOf(StoreOptions options)
    {
        if (options.Provider == StoreProvider.Postgres)
        {
            var builder = new DbConnectionStringBuilder { ConnectionString = options.ConnectionString };
            string Part(string key) => builder.TryGetValue(key, out var value) ? Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty : string.Empty;
            return new PurgeStoreIdentity("postgres", $"{Part("Host")}:{Part("Port")}/{Part("Database")}/{options.Schema}");
        }

        var path = options.ConnectionString;
        if (path.Contains('=', StringComparison.Ordinal))
        {
            var builder = new DbConnectionStringBuilder { ConnectionString = path };
            foreach (var key in (string[])["Data Source", "DataSource", "Filename"])
            {
                if (builder.TryGetValue(key, out var value))
                {
                    path = Convert.ToString(value, CultureInfo.InvariantCulture) ?? path;
                    break;
                }
            }
        }

        return new PurgeStoreIdentity("sqlite", Path.GetFullPath(path));
    }

    [GeneratedRegex("^([0-9]{1,6})([dhms]?)$")]
    private static partial Regex Duration();
}
