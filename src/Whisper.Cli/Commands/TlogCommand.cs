using System.CommandLine;
using System.Security.Cryptography;
using System.Text.Json;

using Whisper.Cli.Console;
using Whisper.Core.Integrity;
using Whisper.Security.Transparency;
using Whisper.Server.Transparency;

namespace Whisper.Cli.Commands;

/// <summary>
/// <c>whisper tlog …</c>: the transparency log (docs/security/transparency-log.md). <c>append</c>, <c>head</c> and
/// <c>prove</c> work on a log directory; <c>verify-inclusion</c> and <c>verify-consistency</c> need nothing but their
/// arguments, so anyone can check what a log (or its HTTP API) handed out: exit 0 valid, 1 invalid, 2 malformed input.
/// One verb per file: <c>TlogCommand.&lt;Verb&gt;.cs</c>.
/// </summary>
public static partial class TlogCommand
{
    public const string DefaultLogDirectory = ".whisper/tlog";

    private static readonly TransparencyJsonContext IndentedJson = new(new JsonSerializerOptions(TransparencyJsonContext.Default.Options) { WriteIndented = true });

    public static Command Create(CliConsole console) => new("tlog", "Transparency log (RFC 6962): append releases, models, manifests and cutover steps; signed heads; prove and verify.")
    {
        Append(console),
        Head(console),
        Prove(console),
        VerifyInclusion(console),
        VerifyConsistency(console),
    };

    private static Option<string> LogOption() => new("--log")
    {
        Description = $"Log directory (leaves.dat, hashes.dat, the head signing key; default {DefaultLogDirectory}).",
        DefaultValueFactory = _ => DefaultLogDirectory,
    };

    private static Option<string?> KeyOption() => new("--key")
    {
        Description = $"Tree head signing key, DER PKCS#8, created 0600 on first use (default <log>/{TreeHeadSigner.DefaultKeyFileName}).",
    };

    /// <summary>Opens the log (creating it only when <paramref name="create"/>); refusals become one line and exit 1.</summary>
    private static async Task<int> WithLogAsync(CliConsole console, ParseResult parse, Option<string> logOption, Option<string?> keyOption, bool create, Func<TransparencyLog, Task<int>> work)
    {
        var directory = parse.GetValue(logOption)!;
        if (!create && !TransparencyLog.Exists(directory))
        {
            throw new UsageException($"no transparency log in {directory}; pass --log, or start one with 'whisper tlog append --log {directory} …'.");
        }

        TreeHeadSigner? signer = null;
        TransparencyLog log;
        try
        {
            if (parse.GetValue(keyOption) is { } keyPath)
            {
                signer = TreeHeadSigner.OpenOrCreate(keyPath);
            }

            log = TransparencyLog.Open(directory, signer);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            signer?.Dispose();
            console.Error.WriteLine($"whisper: {e.Message}");
            return ExitCodes.Failed;
        }

        try
        {
            var keyFile = signer?.KeyPath ?? Path.Combine(log.Directory, TreeHeadSigner.DefaultKeyFileName);
            if (TreeHeadSigner.IsKeyFileTooOpen(keyFile))
            {
                console.Error.WriteLine($"whisper: warning: {keyFile} is readable by other users; chmod 600 it.");
            }

            if (log.Recovery.Changed)
            {
                var r = log.Recovery;
                console.Error.WriteLine($"whisper: recovered the log's tail after a crash: {r.RecoveredLeaves} leaves re-indexed, {r.DroppedHashRecords} torn hash records dropped, {r.TruncatedLeafBytes} torn leaf bytes cut.");
            }

            return await work(log).ConfigureAwait(false);
        }
        finally
        {
            log.Dispose();
            signer?.Dispose();
        }
    }

    private static void WriteJson<T>(CliConsole console, T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo) =>
        console.Out.WriteLine(JsonSerializer.Serialize(value, typeInfo));

    /// <summary>A 32-byte hash given in base64; anything else is bad input.</summary>
    private static byte[] ParseHash(string? text, string option)
    {
        var hash = new byte[MerkleTree.HashSize];
        if (text is null || !Convert.TryFromBase64String(text.Trim(), hash, out var length) || length != MerkleTree.HashSize)
        {
            throw new UsageException($"{option} must be a 32-byte hash in base64 (44 characters ending in '='), as 'whisper tlog prove' prints it.");
        }

        return hash;
    }

    /// <summary>Proof hashes: each value base64, several per option or comma-separated.</summary>
    private static List<byte[]> ParseProof(string[]? values, string option)
    {
        var proof = new List<byte[]>();
        foreach (var value in values ?? [])
        {
            foreach (var part in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                proof.Add(ParseHash(part, option));
            }
        }

        return proof;
    }

    private static Option<string[]> ProofOption() => new("--proof")
    {
        Description = "Proof hashes in base64, leaf end first: several values, repeated --proof, or comma-separated. Leave out for an empty proof.",
        AllowMultipleArgumentsPerToken = true,
        Arity = ArgumentArity.ZeroOrMore,
    };

    private static string Short(byte[] hash) => Convert.ToBase64String(hash);

    private static byte[] Sha256OfFile(string path)
    {
        if (!File.Exists(path))
        {
            throw new UsageException($"--file {path} does not exist.");
        }

        using var stream = File.OpenRead(path);
        return SHA256.HashData(stream);
    }
}
