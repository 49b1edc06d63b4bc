using System.CommandLine;

using Whisper.Cli.Console;
using Whisper.Server.Transparency;

namespace Whisper.Cli.Commands;

public static partial class TlogCommand
{
    /// <summary>
    /// <c>whisper tlog prove</c>: an inclusion proof (<c>--index [--size]</c>) or a consistency proof
    /// (<c>--from [--to]</c>) as JSON, the same documents the HTTP API returns.
    /// </summary>
    private static Command Prove(CliConsole console)
    {
        var log = LogOption();
        var key = KeyOption();
        var index = new Option<long?>("--index") { Description = "Prove that leaf INDEX is in the tree (inclusion proof)." };
        var size = new Option<long?>("--size") { Description = "Tree size for --index (default: the log's size)." };
        var from = new Option<long?>("--from") { Description = "Prove the tree of FROM leaves is a prefix of the tree of --to leaves (consistency proof)." };
        var to = new Option<long?>("--to") { Description = "Newer tree size for --from (default: the log's size)." };
        var command = new Command("prove", "Print an inclusion proof (--index [--size]) or a consistency proof (--from [--to]) as JSON.")
        {
            log, key, index, size, from, to,
        };
        command.SetAction((parse, ct) =>
        {
            var (i, n, m, t) = (parse.GetValue(index), parse.GetValue(size), parse.GetValue(from), parse.GetValue(to));
            if ((i is null) == (m is null) || (i is null && n is not null) || (m is null && t is not null))
            {
                throw new UsageException("give --index [--size] for an inclusion proof or --from [--to] for a consistency proof.");
            }

            return WithLogAsync(console, parse, log, key, create: false, opened =>
            {
                var current = opened.Size;
                if (i is { } leaf)
                {
                    var treeSize = n ?? current;
                    if (treeSize < 1 || treeSize > current || leaf < 0 || leaf >= treeSize)
                    {
                        throw new UsageException($"--index {leaf} --size {treeSize}: need 0 <= index < size <= {current} (the log's size).");
                    }

                    WriteJson(console, new InclusionProofDocument(leaf, treeSize, Short(opened.LeafHash(leaf)), Short(opened.RootHash(treeSize)),
                        [.. opened.InclusionProof(leaf, treeSize).Select(Short)]), IndentedJson.InclusionProofDocument);
                }
                else
                {
                    var oldSize = m!.Value;
                    var newSize = t ?? current;
                    if (oldSize < 0 || oldSize > newSize || newSize > current)
                    {
                        throw new UsageException($"--from {oldSize} --to {newSize}: need 0 <= from <= to <= {current} (the log's size).");
                    }

                    WriteJson(console, new ConsistencyProofDocument(oldSize, newSize, Short(opened.RootHash(oldSize)), Short(opened.RootHash(newSize)),
                        [.. opened.ConsistencyProof(oldSize, newSize).Select(Short)]), IndentedJson.ConsistencyProofDocument);
                }

                return Task.FromResult(ExitCodes.Ok);
            });
        });
        return command;
    }
}
