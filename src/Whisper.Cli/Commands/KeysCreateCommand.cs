using System.CommandLine;

using Whisper.Cli.Console;
using Whisper.Server.Auth;

namespace Whisper.Cli.Commands;

/// <summary><c>whisper keys create</c>: adds an API key to a keys file and shows it once.</summary>
public static class KeysCreateCommand
{
    public const string DefaultKeysPath = ".whisper/api-keys.json";

    public static Option<string> KeysPathOption() => new("--keys")
    {
        Description = "API keys file (holds key hashes, never keys).",
        DefaultValueFactory = _ => DefaultKeysPath,
    };

    public static Command Create(CliConsole console)
    {
        var keys = KeysPathOption();
        var id = new Option<string>("--id") { Description = "Key id (1-64 of A-Z a-z 0-9 . _ -), shown in logs instead of the key.", Required = true };
        var roles = new Option<string[]>("--role")
        {
            Description = $"Role(s): {ApiKeyRoleNames.List}. Repeat or comma-separate for several.",
            Required = true,
            AllowMultipleArgumentsPerToken = true,
        };

        var command = new Command("create", "Create an API key; the key is printed once and only its hash is stored.") { keys, id, roles };
        command.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(keys)!;
            var keyId = parse.GetValue(id)!;
            if (!ApiKeyStore.IsValidKeyId(keyId))
            {
                throw new UsageException($"--id '{keyId}' is not a valid key id; use 1-64 characters of A-Z, a-z, 0-9, '.', '_' or '-'.");
            }

            var combined = ParseRoles(parse.GetValue(roles)!, "--role");
            var folder = Path.GetDirectoryName(Path.GetFullPath(path));
            if (folder is not null)
            {
                Directory.CreateDirectory(folder);
            }

            var key = await ApiKeyStore.CreateKeyAsync(path, keyId, combined, ct).ConfigureAwait(false);
            console.Error.WriteLine($"Created key '{keyId}' ({string.Join(", ", ApiKeyRoleNames.ToNames(combined))}) in {path}. It is shown once, below; store it now.");
            console.Out.WriteLine(key);
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Role names, repeated and/or comma-separated, as flags; an unknown or missing name is a usage error naming <paramref name="option"/>.</summary>
    public static ApiKeyRoles ParseRoles(IEnumerable<string> values, string option)
    {
        ArgumentNullException.ThrowIfNull(values);
        var combined = ApiKeyRoles.None;
        foreach (var value in values)
        {
            if (!ApiKeyRoleNames.TryParseList(value, out var roles))
            {
                throw new UsageException($"{option} '{value}' is not a role; use one or more of {ApiKeyRoleNames.List}.");
            }

            combined |= roles;
        }

        return combined != ApiKeyRoles.None ? combined : throw new UsageException($"{option} needs at least one of {ApiKeyRoleNames.List}.");
    }
}
