using System.CommandLine;

using Whisper.Cli.Console;
using Whisper.Core.Integrity;
using Whisper.Security.Transparency;
using Whisper.Server.Transparency;

namespace Whisper.Cli.Commands;

public static partial class TlogCommand
{
    /// <summary><c>whisper tlog append</c>: logs one entry (fsync'd) and prints its index, leaf and the signed head as JSON.</summary>
    private static Command Append(CliConsole console)
    {
        var log = LogOption();
        var key = KeyOption();
        var kind = new Option<string>("--kind") { Description = $"What is attested: {string.Join(", ", LogEntryKinds.All)}.", Required = true };
        var subject = new Option<string>("--subject") { Description = "Which thing, e.g. 'whisper-server 1.4.2 linux-x64' (1-1024 UTF-8 bytes, no control characters).", Required = true };
        var sha256 = new Option<string?>("--sha256") { Description = "Its SHA-256, 64 hex digits (or give --file)." };
        var file = new Option<string?>("--file") { Description = "Hash this file for the digest instead of --sha256." };
        var command = new Command("append", "Append an entry to the log (creating the log and its signing key on first use); prints JSON.")
        {
            log, key, kind, subject, sha256, file,
        };
        command.SetAction(async (parse, ct) =>
        {
            if (!LogEntryKinds.TryParse(parse.GetValue(kind), out var entryKind))
            {
                throw new UsageException($"--kind must be one of {string.Join(", ", LogEntryKinds.All)}.");
            }

            var subjectText = parse.GetValue(subject)!;
            if (LogEntry.SubjectProblem(subjectText) is { } subjectProblem)
            {
                throw new UsageException($"--subject: {subjectProblem}");
            }

            var digest = (parse.GetValue(sha256), parse.GetValue(file)) switch
            {
                ({ } hex, null) => LogEntry.DigestProblem(hex) is { } problem ? throw new UsageException($"--sha256: {problem}") : hex,
                (null, { } path) => Convert.ToHexStringLower(Sha256OfFile(path)),
                _ => throw new UsageException("give exactly one of --sha256 <64 hex digits> and --file <path>."),
            };

            return await WithLogAsync(console, parse, log, key, create: true, async opened =>
            {
                var entry = new LogEntry(entryKind, subjectText, digest, opened.TimeProvider.GetUtcNow());
                var result = await opened.AppendAsync(entry, ct).ConfigureAwait(false);
                var document = new AppendEntryResponse(
                    result.FirstIndex,
                    LogEntryDocument.From(result.FirstIndex, entry, MerkleTree.LeafHash(entry.ToLeafBytes())),
                    SignedTreeHeadDocument.From(result.Head, opened.PublicKey));
                WriteJson(console, document, IndentedJson.AppendEntryResponse);
                return ExitCodes.Ok;
            }).ConfigureAwait(false);
        });
        return command;
    }
}
