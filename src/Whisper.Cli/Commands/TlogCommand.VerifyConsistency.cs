using System.CommandLine;

using Whisper.Cli.Console;
using Whisper.Core.Integrity;

namespace Whisper.Cli.Commands;

public static partial class TlogCommand
{
    /// <summary>
    /// <c>whisper tlog verify-consistency</c>: checks that an older head's tree is a prefix of a newer one with Core's
    /// RFC 9162 verifier. Needs no log: exit 0 consistent, 1 not shown by the proof, 2 malformed input.
    /// </summary>
    private static Command VerifyConsistency(CliConsole console)
    {
        var from = new Option<long>("--from") { Description = "The older tree size.", Required = true };
        var to = new Option<long>("--to") { Description = "The newer tree size.", Required = true };
        var fromRoot = new Option<string>("--from-root") { Description = "The older root (base64), from a signed head you hold.", Required = true };
        var toRoot = new Option<string>("--to-root") { Description = "The newer root (base64), from a signed head you hold.", Required = true };
        var proof = ProofOption();
        var command = new Command("verify-consistency", "Verify a consistency proof between two tree heads: exit 0 valid, 1 invalid, 2 malformed input.")
        {
            from, to, fromRoot, toRoot, proof,
        };
        command.SetAction(parse =>
        {
            var (m, n) = (parse.GetValue(from), parse.GetValue(to));
            if (m < 0 || m > n)
            {
                throw new UsageException($"--from {m} --to {n}: need 0 <= from <= to.");
            }

            var oldRoot = ParseHash(parse.GetValue(fromRoot), "--from-root");
            var newRoot = ParseHash(parse.GetValue(toRoot), "--to-root");
            var path = ParseProof(parse.GetValue(proof), "--proof");

            if (MerkleTree.VerifyConsistency(m, n, oldRoot, newRoot, path))
            {
                console.Out.WriteLine($"consistency proof valid: the tree of {m} leaves is a prefix of the tree of {n} leaves");
                return ExitCodes.Ok;
            }

            console.Out.WriteLine($"consistency proof INVALID: it does not show the tree of {m} leaves with root {Short(oldRoot)} is a prefix of the tree of {n} leaves with root {Short(newRoot)}");
            return ExitCodes.Failed;
        });
        return command;
    }
}
