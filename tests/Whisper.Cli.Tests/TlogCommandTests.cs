using System.Text.Json;

using Whisper.Core.Integrity;
using Whisper.Server.Transparency;

namespace Whisper.Cli.Tests;

public sealed class TlogCommandTests
{
    private const string Digest = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    [Fact]
    public async Task AppendHeadProve_ThenVerify_ExitZeroAndProofsCheck()
    {
        using var temp = new TempFolder();
        var log = temp.File("tlog");
        for (var i = 0; i < 6; i++)
        {
            var append = await CliRun.RunAsync("tlog", "append", "--log", log, "--kind", "cutover-step", "--subject", $"step {i}", "--sha256", Digest);
            Assert.True(append.ExitCode == ExitCodes.Ok, append.Error);
            Assert.Equal(i, Parse(append.Out, TransparencyJsonContext.Default.AppendEntryResponse).Index);
        }

        await File.WriteAllTextAsync(temp.File("release.bin"), "binary");
        var fromFile = await CliRun.RunAsync("tlog", "append", "--log", log, "--kind", "release", "--subject", "whisper 1.0", "--file", temp.File("release.bin"));
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("binary"u8)), Parse(fromFile.Out, TransparencyJsonContext.Default.AppendEntryResponse).Entry.Sha256);

        var head = Parse((await CliRun.RunAsync("tlog", "head", "--log", log)).Out, TransparencyJsonContext.Default.SignedTreeHeadDocument);
        Assert.Equal(7, head.TreeSize);
        Assert.True(head.TryToSignedTreeHead(out var signed) && signed!.Verify(Convert.FromBase64String(head.PublicKey!)));

        var inclusion = Parse((await CliRun.RunAsync("tlog", "prove", "--log", log, "--index", "4")).Out, TransparencyJsonContext.Default.InclusionProofDocument);
        var verified = await CliRun.RunAsync(["tlog", "verify-inclusion", "--index", "4", "--size", "7", "--leaf-hash", inclusion.LeafHash, "--root", head.RootHash, "--proof", .. inclusion.Proof]);
        Assert.True(verified.ExitCode == ExitCodes.Ok, verified.Out + verified.Error);
        Assert.Contains("valid", verified.Out, StringComparison.Ordinal);

        var consistency = Parse((await CliRun.RunAsync("tlog", "prove", "--log", log, "--from", "3")).Out, TransparencyJsonContext.Default.ConsistencyProofDocument);
        var consistent = await CliRun.RunAsync("tlog", "verify-consistency", "--from", "3", "--to", "7", "--from-root", consistency.FromRoot, "--to-root", head.RootHash, "--proof", string.Join(',', consistency.Proof));
        Assert.True(consistent.ExitCode == ExitCodes.Ok, consistent.Out + consistent.Error);
    }

    [Fact]
    public async Task VerifyInclusion_ValidInvalidMalformed_Exit012()
    {
        var (leaves, root) = Tree(7);
        var proof = Base64(MerkleTree.InclusionProof(leaves, 4));
        string[] ok = ["tlog", "verify-inclusion", "--index", "4", "--size", "7", "--leaf-hash", B64(leaves[4]), "--root", B64(root), "--proof", .. proof];

        Assert.Equal(ExitCodes.Ok, (await CliRun.RunAsync(ok)).ExitCode);

        // Invalid: wrong root, wrong leaf, wrong index, a flipped bit, a truncated or extended proof.
        var flipped = (string[])proof.Clone();
        flipped[1] = B64(Flip(Convert.FromBase64String(proof[1])));
        string[][] invalid =
        [
            Replace(ok, "--root", B64(leaves[0])),
            Replace(ok, "--leaf-hash", B64(leaves[5])),
            Replace(ok, "--index", "5"),
            [.. ok[..^proof.Length], .. flipped],
            ok[..^1],
            [.. ok, B64(root)],
            [.. ok[..^proof.Length]],
        ];
        foreach (var args in invalid)
        {
            var run = await CliRun.RunAsync(args);
            Assert.True(run.ExitCode == ExitCodes.Failed, string.Join(' ', args) + " -> " + run.ExitCode + run.Error);
            Assert.Contains("INVALID", run.Out, StringComparison.Ordinal);
        }

        // Malformed: not base64, not 32 bytes, impossible index/size, missing or unparsable numbers.
        string[][] malformed =
        [
            Replace(ok, "--root", "not base64!"),
            Replace(ok, "--root", B64(new byte[31])),
            Replace(ok, "--leaf-hash", "AAAA"),
            [.. ok, "%%%"],
            Replace(ok, "--index", "7"),
            Replace(ok, "--index", "-1"),
            Replace(ok, "--size", "0"),
            Replace(ok, "--size", "seven"),
            ["tlog", "verify-inclusion", "--index", "4", "--size", "7", "--root", B64(root)],
            ["tlog", "verify-inclusion", "--index", "4", "--size", "7", "--root", B64(root), "--leaf-hash", B64(leaves[4]), "--leaf", "AQ=="],
        ];
        foreach (var args in malformed)
        {
            var run = await CliRun.RunAsync(args);
            Assert.True(run.ExitCode == ExitCodes.BadInput, string.Join(' ', args) + " -> " + run.ExitCode);
            Assert.Single(run.Error.Trim().Split('\n'));
            Assert.StartsWith("whisper: ", run.Error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task VerifyInclusion_LeafBytesInsteadOfHash_HashesThem()
    {
        byte[][] data = [[1], [2, 2], [3, 3, 3]];
        var leaves = data.Select(d => MerkleTree.LeafHash(d)).ToList();
        var root = MerkleTree.RootFromLeafHashes(leaves);

        var run = await CliRun.RunAsync(["tlog", "verify-inclusion", "--index", "2", "--size", "3", "--leaf", B64(data[2]), "--root", B64(root), "--proof", .. Base64(MerkleTree.InclusionProof(leaves, 2))]);

        Assert.True(run.ExitCode == ExitCodes.Ok, run.Out + run.Error);
    }

    [Fact]
    public async Task VerifyConsistency_ValidInvalidMalformed_Exit012()
    {
        var (twelve, root12) = Tree(12);
        var leaves = twelve[..11];
        var newRoot = MerkleTree.RootFromLeafHashes(leaves);
        var oldRoot = MerkleTree.RootFromLeafHashes(leaves[..5]);
        var proof = Base64(MerkleTree.ConsistencyProof(leaves, 5));
        string[] ok = ["tlog", "verify-consistency", "--from", "5", "--to", "11", "--from-root", B64(oldRoot), "--to-root", B64(newRoot), "--proof", .. proof];

        Assert.Equal(ExitCodes.Ok, (await CliRun.RunAsync(ok)).ExitCode);
        Assert.Equal(ExitCodes.Ok, (await CliRun.RunAsync("tlog", "verify-consistency", "--from", "11", "--to", "11", "--from-root", B64(newRoot), "--to-root", B64(newRoot))).ExitCode);

        var flipped = (string[])proof.Clone();
        flipped[0] = B64(Flip(Convert.FromBase64String(proof[0])));
        string[][] invalid =
        [
            Replace(ok, "--from-root", B64(MerkleTree.RootFromLeafHashes(leaves[..4]))),
            Replace(ok, "--to-root", B64(oldRoot)),
            Replace(ok, "--from", "6"),
            Replace(Replace(ok, "--to", "12"), "--to-root", B64(root12)),
            [.. ok[..^proof.Length], .. flipped],
            ok[..^1],
            [.. ok, B64(newRoot)],
        ];
        foreach (var args in invalid)
        {
            var run = await CliRun.RunAsync(args);
            Assert.True(run.ExitCode == ExitCodes.Failed, string.Join(' ', args) + " -> " + run.ExitCode + run.Error);
        }

        string[][] malformed =
        [
            Replace(ok, "--from", "12"),
            Replace(ok, "--from", "-1"),
            Replace(ok, "--to-root", "=="),
            Replace(ok, "--from-root", B64(new byte[33])),
            [.. ok, "AAAA"],
            ["tlog", "verify-consistency", "--from", "5", "--to", "11", "--from-root", B64(oldRoot)],
        ];
        foreach (var args in malformed)
        {
            var run = await CliRun.RunAsync(args);
            Assert.True(run.ExitCode == ExitCodes.BadInput, string.Join(' ', args) + " -> " + run.ExitCode);
            Assert.StartsWith("whisper: ", run.Error, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("tlog", "append", "--kind", "party", "--subject", "x", "--sha256", Digest)]
    [InlineData("tlog", "append", "--kind", "release", "--subject", "x", "--sha256", "abc")]
    [InlineData("tlog", "append", "--kind", "release", "--subject", "x")]
    [InlineData("tlog", "append", "--kind", "release", "--subject", "x", "--sha256", Digest, "--file", "f")]
    [InlineData("tlog", "append", "--kind", "release", "--subject", "x", "--file", "no-such-file")]
    [InlineData("tlog", "head")]
    [InlineData("tlog", "prove", "--index", "0")]
    [InlineData("tlog", "prove", "--index", "0", "--from", "0")]
    [InlineData("tlog", "prove")]
    public async Task BadArguments_ExitTwoWithOneLine(params string[] args)
    {
        using var temp = new TempFolder();

        var run = await CliRun.RunAsync([.. args, "--log", temp.File("none")]);

        Assert.True(run.ExitCode == ExitCodes.BadInput, run.Error);
        Assert.Single(run.Error.Trim().Split('\n'));
        Assert.StartsWith("whisper: ", run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(temp.File("none")));
    }

    [Fact]
    public async Task Prove_OutOfRange_ExitTwo()
    {
        using var temp = new TempFolder();
        var log = temp.File("tlog");
        Assert.Equal(ExitCodes.Ok, (await CliRun.RunAsync("tlog", "append", "--log", log, "--kind", "audit", "--subject", "scan", "--sha256", Digest)).ExitCode);

        Assert.Equal(ExitCodes.BadInput, (await CliRun.RunAsync("tlog", "prove", "--log", log, "--index", "1")).ExitCode);
        Assert.Equal(ExitCodes.BadInput, (await CliRun.RunAsync("tlog", "prove", "--log", log, "--from", "0", "--to", "2")).ExitCode);
        Assert.Equal(ExitCodes.Ok, (await CliRun.RunAsync("tlog", "prove", "--log", log, "--index", "0")).ExitCode);
    }

    [Fact]
    public async Task Append_DamagedLog_ExitOneWithOneLine()
    {
        using var temp = new TempFolder();
        var log = temp.File("tlog");
        Assert.Equal(ExitCodes.Ok, (await CliRun.RunAsync("tlog", "append", "--log", log, "--kind", "model", "--subject", "m", "--sha256", Digest)).ExitCode);
        var leaves = Path.Combine(log, "leaves.dat");
        var bytes = await File.ReadAllBytesAsync(leaves);
        bytes[4] = 9; // format version 9
        await File.WriteAllBytesAsync(leaves, bytes);

        var run = await CliRun.RunAsync("tlog", "head", "--log", log);

        Assert.Equal(ExitCodes.Failed, run.ExitCode);
        Assert.Contains("version 9", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_ListsTheFiveVerbs()
    {
        var run = await CliRun.RunAsync("tlog", "--help");

        foreach (var verb in new[] { "append", "head", "prove", "verify-inclusion", "verify-consistency" })
        {
            Assert.Contains(verb, run.Out, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task BenchTlog_Small_PrintsJsonWithRatesProofTimesAndBaselines()
    {
        using var temp = new TempFolder();

        var run = await CliRun.RunAsync("bench", "tlog", "--leaves", "3000", "--single", "3", "--batch", "10", "--proofs", "20", "--baseline-leaves", "256", "--dir", temp.File("b"));

        Assert.True(run.ExitCode == ExitCodes.Ok, run.Error);
        var json = System.Text.Json.Nodes.JsonNode.Parse(run.Out)!;
        Assert.Equal(3000, json["leaves"]!.GetValue<long>());
        Assert.True(json["proofs_verified"]!.GetValue<bool>());
        foreach (var key in new[] { "baseline_core_leaf_hashes_per_s_1_core", "build_bulk_leaves_per_s", "append_single_fsync_per_s", "append_batch_fsync_entries_per_s",
            "inclusion_proof_us_p50", "consistency_proof_us_p50", "baseline_core_list_inclusion_proof_us", "tlog_inclusion_proof_us_at_baseline_leaves" })
        {
            Assert.True(json[key]!.GetValue<double>() > 0, key);
        }

        Assert.Equal(ExitCodes.BadInput, (await CliRun.RunAsync("bench", "tlog", "--leaves", "1")).ExitCode);
    }

    private static (List<byte[]> Leaves, byte[] Root) Tree(int n)
    {
        var leaves = Enumerable.Range(0, n).Select(i => MerkleTree.LeafHash([(byte)i])).ToList();
        return (leaves, MerkleTree.RootFromLeafHashes(leaves));
    }

    private static string B64(byte[] bytes) => Convert.ToBase64String(bytes);

    private static string[] Base64(IReadOnlyList<byte[]> hashes) => [.. hashes.Select(B64)];

    private static byte[] Flip(byte[] hash)
    {
        var copy = (byte[])hash.Clone();
        copy[7] ^= 0x20;
        return copy;
    }

    private static string[] Replace(string[] args, string option, string value)
    {
        var copy = (string[])args.Clone();
        copy[Array.IndexOf(copy, option) + 1] = value;
        return copy;
    }

    private static T Parse<T>(string json, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo) => JsonSerializer.Deserialize(json, typeInfo)!;
}
