using System.CommandLine;

using Whisper.Cli.Console;
using Whisper.Core.Integrity;

namespace Whisper.Cli.Commands;

public static partial class TlogCommand
{
    /// <summary>
    /// <c>whisper tlog verify-inclusion</c>: checks an audit path with Core's RFC 9162 verifier. Needs no log: exit 0
    /// when the leaf is in the tree of that size and root, 1 when the proof does not show it, 2 for malformed input.
    /// </summary>
    private static Command VerifyInclusion(CliConsole console)
    {
        var index = new Option<long>("--index") { Description = "The leaf's index.", Required = true };
        var size = new Option<long>("--size") { Description = "The tree size the proof is for.", Required = true };
        var root = new Option<string>("--root") { Description = "The root for that size (base64), from a signed head you trust.", Required = true };
        var leafHash = new Option<string?>("--leaf-hash") { Description = "The leaf's RFC 6962 hash (base64), or give --leaf." };
        var leaf = new Option<string?>("--leaf") { Description = "The leaf's bytes (base64, as GET /v1/tlog/entries/{index} returns them); hashed here." };
        var proof = ProofOption();
        var command = new Command("verify-inclusion", "Verify an inclusion proof: exit 0 valid, 1 invalid, 2 malformed input.")
        {
            index, size, root, leafHash, leaf, proof,
        };
        command.SetAction(parse =>
        {
            var (i, n) = (parse.GetValue(index), parse.GetValue(size));
            if (i < 0 || n < 1 || i >= n)
            {
                throw new UsageException($"--index {i} --size {n}: need 0 <= index < size.");
            }

            var rootHash = ParseHash(parse.GetValue(root), "--root");
            var hash = (parse.GetValue(leafHash), parse.GetValue(leaf)) switch
            {
                ({ } h, null) => ParseHash(h, "--leaf-hash"),
                (null, { } bytes) => MerkleTree.LeafHash(ParseLeaf(bytes)),
                _ => throw new UsageException("give exactly one of --leaf-hash <base64 hash> and --leaf <base64 leaf bytes>."),
            };
            var path = ParseProof(parse.GetValue(proof), "--proof");

            if (MerkleTree.VerifyInclusion(i, n, hash, path, rootHash))
            {
                console.Out.WriteLine($"inclusion proof valid: leaf {i} is in the tree of {n} leaves with root {Short(rootHash)}");
                return ExitCodes.Ok;
            }

            console.Out.WriteLine($"inclusion proof INVALID: it does not show leaf {i} in the tree of {n} leaves with root {Short(rootHash)}");
            return ExitCodes.Failed;
        });
        return command;
    }

    private static byte[] ParseLeaf(string text)
    {
        try
        {
            var bytes = Convert.FromBase64String(text.Trim());
            return bytes.Length > 0 ? bytes : throw new UsageException("--leaf is empty; give the leaf's bytes in base64.");
        }
        catch (FormatException)
        {
            throw new UsageException("--leaf must be the leaf's bytes in base64.");
        }
    }
}
