using System.CommandLine;
using System.Globalization;

using Whisper.Cli.Console;
using Whisper.Recommendation.Attestation;
using Whisper.Security.Transparency;

namespace Whisper.Cli.Commands;

/// <summary>
/// <c>whisper model approve|list|verify</c>: the served-model registry (docs/model-attestation.md). <c>approve</c> logs a
/// model file's SHA-256 in the transparency log and records it with its inclusion proof; <c>verify</c> checks every
/// entry offline against the log's public key (exit 1 when one fails, or when <c>--checkpoint</c>'s bytes are not approved).
/// </summary>
public static class ModelCommand
{
    public static Command Create(CliConsole console) => new("model", "Served-model attestation: approve model files into the transparency log, list and verify the registry.")
    {
        Approve(console),
        List(console),
        Verify(console),
    };

    /// <summary><c>--log</c>: the transparency log directory (its public key pins verification).</summary>
    public static Option<string> LogOption() => new("--log")
    {
        Description = $"Transparency log directory (default {TlogCommand.DefaultLogDirectory}).",
        DefaultValueFactory = _ => TlogCommand.DefaultLogDirectory,
    };

    /// <summary><c>--registry</c>: the registry file; default beside the log.</summary>
    public static Option<string?> RegistryOption() => new("--registry")
    {
        Description = $"Model registry file (default <log>/{ModelRegistry.DefaultFileName}).",
    };

    public static string RegistryPath(ParseResult parse, Option<string?> registry, Option<string> log) =>
        parse.GetValue(registry) ?? Path.Combine(parse.GetValue(log)!, ModelRegistry.DefaultFileName);

    /// <summary>The pinned log key: <c>--public-key</c>, else the log directory's <c>head-signing.spki</c>.</summary>
    public static byte[] PinnedKey(string logDirectory, string? publicKeyPath)
    {
        var path = publicKeyPath ?? TreeHeadSigner.PublicKeyPath(Path.Combine(logDirectory, TreeHeadSigner.DefaultKeyFileName));
        return File.Exists(path)
            ? File.ReadAllBytes(path)
            : throw new UsageException($"no log public key at {path}; pass --log <tlog dir> or --public-key <head-signing.spki>.");
    }

    /// <summary>Loads and verifies a registry against the pinned key; a missing or unreadable registry is bad input, a failing entry exit 1 upstream.</summary>
    public static ApprovedModels LoadApproved(string registryPath, byte[] publicKey, ITransparencyLog? live = null)
    {
        if (!File.Exists(registryPath))
        {
            throw new UsageException($"no model registry at {registryPath}; approve a model first ('whisper model approve --checkpoint <file> --log <tlog>') or pass --registry.");
        }

        return ApprovedModels.Load(registryPath, publicKey, live);
    }

    private static Command Approve(CliConsole console)
    {
        var checkpoint = new Option<string>("--checkpoint") { Description = "The model file to approve: a checkpoint (ckpt-….wck), or any model file with --version.", Required = true };
        var approver = new Option<string>("--approver") { Description = "Who approves (a person or review board id; recorded in the registry).", Required = true };
        var version = new Option<string?>("--version") { Description = "Version the file serves under (only for files that are not checkpoints)." };
        var log = LogOption();
        var registry = RegistryOption();
        var command = new Command("approve", "Log a model file's SHA-256 as an approved model and record it, with its inclusion proof, in the registry.")
        {
            checkpoint, approver, version, log, registry,
        };
        command.SetAction(async (parse, ct) =>
        {
            var directory = parse.GetValue(log)!;
            TransparencyLog opened;
            try
            {
                opened = TransparencyLog.Open(directory);
            }
            catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
            {
                throw new UsageException($"--log {directory}: {e.Message}");
            }

            using (opened)
            {
                try
                {
                    var entry = await ModelApproval.ApproveAsync(
                        opened, RegistryPath(parse, registry, log), parse.GetValue(checkpoint)!, parse.GetValue(approver)!, parse.GetValue(version), opened.TimeProvider, ct).ConfigureAwait(false);
                    console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"approved {entry.VersionId} sha256 {entry.Sha256} at log index {entry.Log.Index} (tree size {entry.Log.TreeHead.TreeSize}); registry {RegistryPath(parse, registry, log)}"));
                    return ExitCodes.Ok;
                }
                catch (ModelAttestationException e)
                {
                    throw new UsageException(e.Message);
                }
            }
        });
        return command;
    }

    private static Command List(CliConsole console)
    {
        var log = LogOption();
        var registry = RegistryOption();
        var command = new Command("list", "List the approved models in the registry (not verified: use 'whisper model verify').") { log, registry };
        command.SetAction(parse =>
        {
            var models = Load(RegistryPath(parse, registry, log)).Models;
            console.Out.WriteLine($"{"version id",-40} {"sha256",-16} {"index",6} {"approved at",-20} approver");
            foreach (var m in models)
            {
                console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{m.VersionId,-40} {m.Sha256[..16],-16} {m.Log.Index,6} {m.ApprovedAt:yyyy-MM-ddTHH:mm:ssZ} {m.Approver}"));
            }

            console.Out.WriteLine($"{models.Count} approved model file(s).");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Verify(CliConsole console)
    {
        var log = LogOption();
        var registry = RegistryOption();
        var publicKey = new Option<string?>("--public-key") { Description = "The log's public key (head-signing.spki) to pin instead of <log>/head-signing.spki." };
        var checkpoint = new Option<string?>("--checkpoint") { Description = "Also check that this model file's bytes are approved." };
        var command = new Command("verify", "Verify every registry entry offline (leaf, inclusion proof, signed head) and optionally that a model file is approved; exit 1 on any failure.")
        {
            log, registry, publicKey, checkpoint,
        };
        command.SetAction(parse =>
        {
            var key = PinnedKey(parse.GetValue(log)!, parse.GetValue(publicKey));
            var models = Load(RegistryPath(parse, registry, log)).Models;
            var failed = 0;
            foreach (var entry in models)
            {
                var problem = ModelRegistryVerifier.Problem(entry, key);
                failed += problem is null ? 0 : 1;
                console.Out.WriteLine(problem is null ? $"ok    {entry.VersionId} sha256 {entry.Sha256}" : $"FAIL  {problem}");
            }

            if (parse.GetValue(checkpoint) is { } file)
            {
                if (!File.Exists(file))
                {
                    throw new UsageException($"no model file at {file}.");
                }

                var sha256 = ModelArtifact.Sha256OfFile(file);
                var approved = models.Any(m => m.Sha256 == sha256 && ModelRegistryVerifier.Problem(m, key) is null);
                failed += approved ? 0 : 1;
                console.Out.WriteLine(approved ? $"ok    {file} is approved (sha256 {sha256})" : $"FAIL  {file} (sha256 {sha256}) is not an approved model");
            }

            console.Out.WriteLine(failed == 0 ? $"{models.Count} entr{(models.Count == 1 ? "y" : "ies")} verified." : $"{failed} check(s) failed.");
            return failed == 0 ? ExitCodes.Ok : ExitCodes.Failed;
        });
        return command;
    }

    private static ModelRegistry Load(string path)
    {
        try
        {
            return ModelRegistry.Load(path);
        }
        catch (ModelAttestationException e)
        {
            throw new UsageException(e.Message);
        }
    }
}
