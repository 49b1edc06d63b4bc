using System.Text.Json;

using Whisper.Security.Compliance;
using Whisper.Security.Compliance.Evidence;
using Whisper.Security.Tests.Transparency;
using Whisper.Security.Transparency;

namespace Whisper.Security.Tests.Compliance;

public sealed class TransparencyLogProbeTests : IDisposable
{
    private readonly ComplianceFolder _root = new();
    private readonly string _log;

    public TransparencyLogProbeTests() => _log = Path.Combine(_root.Path, "tlog");

    public void Dispose() => _root.Dispose();

    [Fact]
    public async Task Probe_WholeLogWithItsKey_Passes()
    {
        await AppendAsync(_log, 0, 37);

        var result = await RunAsync();

        Assert.Equal(EvidenceStatus.Pass, result.Status);
        Assert.Contains("37 leaves hash to their records", result.Detail, StringComparison.Ordinal);
        Assert.Contains("verifies against head-signing.spki", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Probe_PinnedHeadThatTheLogExtends_Passes()
    {
        var head = await AppendAsync(_log, 0, 5);
        await AppendAsync(_log, 5, 8);
        var headFile = SaveHead(head);

        var result = await RunAsync(headFile);

        Assert.Equal(EvidenceStatus.Pass, result.Status);
        Assert.Contains("consistent with the pinned head", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Probe_HistoryRewrittenUnderTheSameKey_FailsAgainstThePinnedHead()
    {
        var pinned = SaveHead(await AppendAsync(_log, 0, 5));
        File.Delete(Path.Combine(_log, LogFiles.LeavesFileName));
        File.Delete(Path.Combine(_log, LogFiles.HashesFileName));
        File.Delete(Path.Combine(_log, SubtreeIndex.SnapshotFileName));
        await AppendAsync(_log, 100, 9); // same key files, different history

        var result = await RunAsync(pinned);

        Assert.Equal(EvidenceStatus.Fail, result.Status);
        Assert.Contains("the log is not consistent with that head (size 5): its history was rewritten", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Probe_HeadOfAnotherLog_FailsItsSignature()
    {
        await AppendAsync(_log, 0, 5);
        var other = SaveHead(await AppendAsync(Path.Combine(_root.Path, "other"), 0, 5));

        var result = await RunAsync(other);

        Assert.Equal(EvidenceStatus.Fail, result.Status);
        Assert.Contains("the signature does not verify against head-signing.spki", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Probe_PublishedKeyOfAnotherPair_Fails()
    {
        await AppendAsync(_log, 0, 3);
        var other = Path.Combine(_root.Path, "other");
        await AppendAsync(other, 0, 1);
        File.Copy(Path.Combine(other, "head-signing.spki"), Path.Combine(_log, "head-signing.spki"), overwrite: true);

        var result = await RunAsync();

        Assert.Equal(EvidenceStatus.Fail, result.Status);
        Assert.Contains("the published key is not the signing key's", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Probe_LeafContentChanged_FailsNamingTheLeaf()
    {
        await AppendAsync(_log, 0, 8);
        var leaves = Path.Combine(_log, LogFiles.LeavesFileName);
        var bytes = await File.ReadAllBytesAsync(leaves);
        bytes[bytes.AsSpan().IndexOf("subject 2 "u8) + 8] = (byte)'7';
        await File.WriteAllBytesAsync(leaves, bytes);

        var result = await RunAsync();

        Assert.Equal(EvidenceStatus.Fail, result.Status);
        Assert.Contains($"'{Path.Combine(_log, LogFiles.LeavesFileName)}' is damaged: leaf 2 at offset", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Probe_LengthFieldChanged_FailsWithoutCuttingTheLog()
    {
        await AppendAsync(_log, 0, 8);
        var leaves = Path.Combine(_log, LogFiles.LeavesFileName);
        var bytes = await File.ReadAllBytesAsync(leaves);
        bytes[bytes.Length / 2] ^= 0x40;
        await File.WriteAllBytesAsync(leaves, bytes);

        var result = await RunAsync();

        Assert.Equal(EvidenceStatus.Fail, result.Status);
        // Damage before the tail is refused by the log itself (LogRecoveryTests), and the probe names the log.
        Assert.Contains(_log, result.Detail, StringComparison.Ordinal);
        Assert.Contains("leaves.dat", result.Detail, StringComparison.Ordinal);
        Assert.Equal(bytes, await File.ReadAllBytesAsync(leaves)); // the evidence is left as it was found
    }

    [Fact]
    public async Task Probe_NoLogGiven_NotRun_AndNoLogThere_Missing()
    {
        var notRun = await _root.CheckAsync(Probe());
        Directory.CreateDirectory(_log);
        var missing = await RunAsync();

        Assert.Equal(EvidenceStatus.NotRun, notRun.Status);
        Assert.Contains("pass --tlog <dir>", notRun.Detail, StringComparison.Ordinal);
        Assert.Equal(EvidenceStatus.Missing, missing.Status);
    }

    [Fact]
    public async Task Probe_PrivateKeyElsewhereAndNoPinnedHead_NotRunNamingWhy()
    {
        await AppendAsync(_log, 0, 4);
        File.Move(Path.Combine(_log, TreeHeadSigner.DefaultKeyFileName), Path.Combine(_root.Path, "moved.pkcs8"));

        var result = await RunAsync();

        Assert.Equal(EvidenceStatus.NotRun, result.Status);
        Assert.Contains("no signature could be checked", result.Detail, StringComparison.Ordinal);
    }

    private static ProbeEvidence Probe() => new("tlog-verifies", default, null, 1);

    private Task<EvidenceResult> RunAsync(string? head = null) =>
        _root.CheckAsync(Probe(), new ComplianceInputs { TlogDirectory = _log, TlogHead = head });

    /// <summary>Appends <paramref name="count"/> entries to the log in <paramref name="directory"/> (its own key) and returns the head after them.</summary>
    private static async Task<(SignedTreeHead Head, byte[] PublicKey)> AppendAsync(string directory, int from, int count)
    {
        using var log = TransparencyLog.Open(directory);
        var result = await log.AppendBatchAsync(LogFolder.Entries(from, count));
        return (result.Head, log.PublicKey);
    }

    /// <summary>Saves a head as <c>whisper tlog head</c> prints it.</summary>
    private string SaveHead((SignedTreeHead Head, byte[] PublicKey) signed)
    {
        var (head, publicKey) = signed;
        var path = _root.File($"head-{head.TreeSize}-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, JsonSerializer.Serialize(new
        {
            treeSize = head.TreeSize,
            rootHash = Convert.ToBase64String(head.RootHash),
            timestamp = head.Timestamp.ToUnixTimeMilliseconds(),
            keyId = head.KeyId,
            algorithm = SignedTreeHead.Algorithm,
            signature = Convert.ToBase64String(head.Signature),
            publicKey = Convert.ToBase64String(publicKey),
        }));
        return path;
    }
}
